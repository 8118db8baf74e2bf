// REFI-QDA exchange files: a .qdc codebook and a .qdpx project (zip of project.qde plus source texts), per the QDA-XML 1.0 schemas.
import { strToU8, zipSync } from 'fflate';
import type { Codebook, Theme } from '../codebook';
import { escapeXml, isHexColour } from './escape';
import type { ReportModel } from './model';
import { guidFor } from './uuid';

/** Namespace of a .qdc codebook. */
export const QDC_NAMESPACE = 'urn:QDA-XML:codebook:1.0';
/** Namespace of a project.qde. */
export const QDE_NAMESPACE = 'urn:QDA-XML:project:1.0';

/** Written as the origin of every exchange file. */
const ORIGIN = 'Gloss';

const XML_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** The GUID of a theme as a REFI code. */
export function codeGuid(theme: Theme): string {
  return guidFor('theme', theme.id);
}

/** The GUID of a coder as a REFI User. */
export function userGuid(name: string): string {
  return guidFor('user', name);
}

/** The GUID of a document as a REFI text source. */
export function sourceGuid(documentId: string): string {
  return guidFor('document', documentId);
}

/** An attribute list; undefined values are left out. Every value is escaped. */
function attrs(values: Record<string, string | number | boolean | undefined>): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('');
}

function dateTime(value: string): string | undefined {
  return XML_DATE_TIME.test(value) ? value : undefined;
}

function codeXml(theme: Theme, children: readonly Theme[], indent: string): string {
  const open = `${indent}<Code${attrs({
    guid: codeGuid(theme),
    name: theme.label.trim() === '' ? theme.id : theme.label,
    isCodable: true,
    color: isHexColour(theme.colour) ? theme.colour.toUpperCase() : undefined,
  })}`;
  const inner = [
    ...(theme.description ? [`${indent}  <Description>${escapeXml(theme.description)}</Description>`] : []),
    ...children.map((child) => codeXml(child, [], `${indent}  `)),
  ];
  return inner.length === 0 ? `${open}/>` : `${open}>\n${inner.join('\n')}\n${indent}</Code>`;
}

/**
 * The Codes of a codebook, each sub-theme nested in its parent's Code (QDA-XML's code hierarchy), so that
 * a QDA program files a sub-theme under its parent as Gloss's counts and sections do (codebook.ts
 * belongsToTheme). Codings stay on the theme a highlight carries. A theme whose parent is not among
 * `themes`, or is itself a sub-theme, is written at the top level rather than lost.
 */
function codesXml(themes: readonly Theme[], indent: string): string {
  const top = new Set(themes.filter((t) => !themes.some((p) => p.id === t.parent && p.id !== t.id)).map((t) => t.id));
  const childOf = (theme: Theme): boolean => theme.parent !== undefined && !top.has(theme.id) && top.has(theme.parent);
  return themes
    .filter((theme) => !childOf(theme))
    .map((theme) =>
      codeXml(
        theme,
        themes.filter((t) => childOf(t) && t.parent === theme.id),
        indent,
      ),
    )
    .join('\n');
}

/** Builds a .qdc codebook (QDA-XML codebook 1.0): one codable Code per theme, with colour and description, sub-themes inside their parent's. */
export function buildQdc(codebook: Codebook): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<CodeBook xmlns="${QDC_NAMESPACE}"${attrs({ origin: ORIGIN })}>`,
    '  <Codes>',
    codesXml(codebook, '    '),
    '  </Codes>',
    '</CodeBook>',
    '',
  ].join('\n');
}

/**
 * Code-point indexes for UTF-16 offsets: REFI-QDA counts characters (code points), JavaScript
 * counts UTF-16 code units, which differ after any character outside the Basic Multilingual Plane.
 */
export function codePointOffsets(text: string, offsets: readonly number[]): Map<number, number> {
  const wanted = [...new Set(offsets)].sort((a, b) => a - b);
  const result = new Map<number, number>();
  let unit = 0;
  let point = 0;
  for (const target of wanted) {
    while (unit < target && unit < text.length) {
      const code = text.charCodeAt(unit);
      const pair = code >= 0xd800 && code <= 0xdbff && unit + 1 < text.length && (text.charCodeAt(unit + 1) & 0xfc00) === 0xdc00;
      // An offset inside a surrogate pair rounds up to the next character.
      unit += pair ? 2 : 1;
      point += 1;
    }
    result.set(target, point);
  }
  return result;
}

/** What a .qdpx export needs besides the models. */
export interface QdpxOptions {
  /** The project's name. */
  name: string;
  /** ISO time of the export (creationDateTime, and the zip entries' dates). */
  exportedAt: string;
  /** The codebook to write; all themes of the models when absent. */
  codebook?: Codebook;
}

/** The Users element: one User per coder whose highlights the project holds (QDA-XML puts them first). */
function usersXml(models: readonly ReportModel[]): string[] {
  const names = [...new Set(models.flatMap((m) => m.highlights.map((h) => h.annotation.creator)))].filter(
    (name): name is string => name !== undefined,
  );
  if (names.length === 0) return [];
  return ['  <Users>', ...names.map((name) => `    <User${attrs({ guid: userGuid(name), name })}/>`), '  </Users>'];
}

function projectXml(models: readonly ReportModel[], themes: readonly Theme[], options: QdpxOptions): string {
  // A theme's GUID is a version-5 UUID of its id: derived once per theme, not once per coding.
  const codeGuids = new Map<Theme, string>();
  const codeGuidOf = (theme: Theme): string => {
    let guid = codeGuids.get(theme);
    if (guid === undefined) codeGuids.set(theme, (guid = codeGuid(theme)));
    return guid;
  };
  const lines: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<Project xmlns="${QDE_NAMESPACE}"${attrs({ name: options.name, origin: ORIGIN, creationDateTime: dateTime(options.exportedAt) })}>`,
    ...usersXml(models),
    '  <CodeBook>',
    '    <Codes>',
    codesXml(themes, '      '),
    '    </Codes>',
    '  </CodeBook>',
  ];
  if (models.length > 0) lines.push('  <Sources>');
  for (const model of models) {
    const doc = model.document;
    const guid = sourceGuid(doc.id);
    lines.push(
      `    <TextSource${attrs({ guid, name: doc.title, plainTextPath: `internal://${guid}.txt`, creationDateTime: dateTime(doc.added) })}>`,
    );
    if (doc.source) lines.push(`      <Description>${escapeXml(`Source: ${doc.source}`)}</Description>`);
    const points = codePointOffsets(
      doc.text,
      model.highlights.flatMap((h) => [h.start, h.end]),
    );
    for (const h of model.highlights) {
      const a = h.annotation;
      const selectionGuid = guidFor('annotation', a.id);
      const name = h.quote.length > 80 ? `${h.quote.slice(0, 79)}…` : h.quote;
      lines.push(
        `      <PlainTextSelection${attrs({
          guid: selectionGuid,
          name: name.replace(/\s+/g, ' '),
          startPosition: points.get(h.start)!,
          endPosition: points.get(h.end)!,
          creatingUser: a.creator === undefined ? undefined : userGuid(a.creator),
          creationDateTime: dateTime(a.created),
          modifiedDateTime: dateTime(a.modified),
        })}>`,
      );
      if (a.note.trim() !== '') lines.push(`        <Description>${escapeXml(a.note)}</Description>`);
      for (const theme of h.themes) {
        lines.push(
          `        <Coding${attrs({
            guid: guidFor('coding', `${a.id}:${theme.id}`),
            creatingUser: a.creator === undefined ? undefined : userGuid(a.creator),
            creationDateTime: dateTime(a.created),
          })}>`,
          `          <CodeRef${attrs({ targetGUID: codeGuidOf(theme) })}/>`,
          '        </Coding>',
        );
      }
      lines.push('      </PlainTextSelection>');
    }
    lines.push('    </TextSource>');
  }
  if (models.length > 0) lines.push('  </Sources>');
  lines.push('</Project>', '');
  return lines.join('\n');
}

/**
 * Builds a .qdpx project: a zip holding project.qde (QDA-XML project 1.0: the codebook, one
 * TextSource per document with a PlainTextSelection per highlight, its note as Description and
 * a Coding per theme) and each document's text as sources/<guid>.txt in UTF-8. Positions are
 * code points, end exclusive. Highlights not found in the text cannot be placed and are left out.
 * The plain text has no structure: headings, lists and quotes travel only as its lines (a
 * TextSource's structured form, richTextPath, is a .docx, and positions count the plain text).
 */
export function buildQdpx(models: readonly ReportModel[], options: QdpxOptions): Uint8Array {
  const themes: Theme[] = [];
  for (const theme of options.codebook ?? models.flatMap((m) => m.themes)) {
    if (!themes.some((t) => t.id === theme.id)) themes.push(theme);
  }
  const mtime = Number.isNaN(Date.parse(options.exportedAt)) ? new Date(0) : new Date(options.exportedAt);
  const files: Record<string, [Uint8Array, { mtime: Date }]> = {
    'project.qde': [strToU8(projectXml(models, themes, options)), { mtime }],
  };
  for (const model of models) {
    files[`sources/${sourceGuid(model.document.id)}.txt`] = [strToU8(model.document.text), { mtime }];
  }
  return zipSync(files, { level: 6 });
}
