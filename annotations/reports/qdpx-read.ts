// Reading a REFI-QDA project (.qdpx: a zip of project.qde and its sources) into plain data, checked whole before
// anything is imported: a zip that is not one, XML that is not well formed, a source that is missing, a position
// outside its text or an entry too large each refuse the file with a reason naming where.
import { unzipSync, type UnzipFileInfo } from 'fflate';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { MAX_DOCUMENT_CHARS } from '../document';
import { GlossError } from '../errors';
import { MAX_IMPORT_CHARS, MAX_IMPORT_ITEMS } from './jsonld-import';

/** The largest project.qde accepted, uncompressed (bytes): the same bound as a JSON-LD set's text. */
export const MAX_PROJECT_XML_BYTES = MAX_IMPORT_CHARS;
/** The largest source text accepted, uncompressed (bytes): a UTF-8 character takes at most 4 of them. */
export const MAX_SOURCE_BYTES = MAX_DOCUMENT_CHARS * 4;
/** The most uncompressed bytes a whole project may unpack to (its entries together). */
export const MAX_PROJECT_BYTES = 512 * 1024 * 1024;

/** A Code of the codebook, with the Codes nested in it. */
export interface QdpxCode {
  guid: string;
  name: string;
  /** #rrggbb when the file gives a colour Gloss can keep. */
  colour?: string;
  description: string;
  children: QdpxCode[];
}

/** One Coding of a selection: the code it applies and who applied it. */
export interface QdpxCoding {
  codeGuid: string;
  /** A User's GUID. */
  user?: string;
  created?: string;
}

/** A PlainTextSelection: code-point positions into its source's plain text, end exclusive. */
export interface QdpxSelection {
  guid: string;
  start: number;
  end: number;
  user?: string;
  created?: string;
  modified?: string;
  description: string;
  codings: QdpxCoding[];
}

/** A TextSource with its plain text. */
export interface QdpxSource {
  guid: string;
  name: string;
  text: string;
  selections: QdpxSelection[];
}

/** A project as read: users by GUID, the code tree, the text sources, and what was left out and why. */
export interface QdpxProject {
  users: Map<string, string>;
  codes: QdpxCode[];
  sources: QdpxSource[];
  /** Parts Gloss cannot keep (sources that are not text, with their codings), each with the reason. */
  leftOut: string[];
}

/** One parsed element: its attributes under '@', its child elements by local name, its text under '#text'. */
interface XmlElement {
  '@'?: Record<string, string>;
  '#text'?: string;
  [child: string]: XmlElement[] | Record<string, string> | string | undefined;
}

function invalid(message: string): GlossError {
  return new GlossError('invalid-input', message);
}

function children(element: XmlElement | undefined, name: string): XmlElement[] {
  const value = element?.[name];
  return Array.isArray(value) ? value : [];
}

function attribute(element: XmlElement, name: string): string | undefined {
  return element['@']?.[name];
}

function textOf(element: XmlElement | undefined): string {
  return element?.['#text'] ?? '';
}

/** The entries of the zip this import reads, each bounded in size before it is inflated. */
function unpack(bytes: Uint8Array, fileName: string): Record<string, Uint8Array> {
  let total = 0;
  const tooLarge: string[] = [];
  const wanted = (file: UnzipFileInfo): boolean => {
    const name = file.name;
    if (name !== 'project.qde' && !name.startsWith('sources/')) return false;
    const limit = name === 'project.qde' ? MAX_PROJECT_XML_BYTES : MAX_SOURCE_BYTES;
    total += file.originalSize;
    // fflate inflates into a buffer of the size the entry declares, so a declared size bounds what it takes.
    if (file.originalSize > limit)
      tooLarge.push(`${name} (${(file.originalSize / 1024 / 1024).toFixed(1)} MB; at most ${limit / 1024 / 1024} MB)`);
    return file.originalSize <= limit;
  };
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, { filter: wanted });
  } catch (error) {
    throw invalid(`"${fileName}" is not a REFI-QDA project: it is not a readable zip (${(error as Error).message}).`);
  }
  if (tooLarge.length > 0) throw invalid(`"${fileName}" holds entries too large to import: ${tooLarge.join(', ')}.`);
  if (total > MAX_PROJECT_BYTES) throw invalid(`"${fileName}" unpacks to more than ${MAX_PROJECT_BYTES / 1024 / 1024} MB.`);
  return entries;
}

// The domain is checked without DOM or Node types; TextDecoder is in both, and only its strict decode is used here.
declare const TextDecoder: new (label: 'utf-8', options: { fatal: true }) => { decode(bytes: Uint8Array): string };

function utf8(bytes: Uint8Array, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw invalid(`${what} is not UTF-8 text.`);
  }
}

function parseXml(xml: string, fileName: string): XmlElement {
  // QDA-XML declares no document type; refusing one keeps entity expansion out of the parse.
  if (/<!DOCTYPE/i.test(xml)) throw invalid(`project.qde of "${fileName}" declares a document type, which QDA-XML does not use.`);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw invalid(
      `project.qde of "${fileName}" is not well-formed XML (line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg})`,
    );
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    attributesGroupName: '@',
    removeNSPrefix: true,
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
    alwaysCreateTextNode: true,
    isArray: (name) => name !== '@',
    processEntities: true,
    htmlEntities: true,
  });
  const root = children(parser.parse(xml) as XmlElement, 'Project')[0];
  if (!root) throw invalid(`project.qde of "${fileName}" has no Project element: it is not a QDA-XML project.`);
  return root;
}

function readCodes(parent: XmlElement | undefined): QdpxCode[] {
  return children(parent, 'Code').map((code) => {
    const guid = attribute(code, 'guid');
    const name = attribute(code, 'name')?.trim();
    if (!guid || !name) throw invalid('A Code of its codebook has no guid or no name.');
    const colour = attribute(code, 'color');
    return {
      guid: guid.toLowerCase(),
      name,
      ...(colour && /^#[0-9a-f]{6}$/i.test(colour) ? { colour: colour.toLowerCase() } : {}),
      description: textOf(children(code, 'Description')[0]),
      children: readCodes(code),
    };
  });
}

/** A position attribute as a whole number of code points, or a reason naming the selection. */
function position(selection: XmlElement, name: string, where: string): number {
  const raw = attribute(selection, name);
  if (raw === undefined || !/^\d{1,10}$/.test(raw.trim())) throw invalid(`${where} has no valid ${name}.`);
  return Number(raw.trim());
}

function readSelections(source: XmlElement, text: string, where: string): QdpxSelection[] {
  const length = [...text].length;
  return children(source, 'PlainTextSelection').map((selection, index) => {
    const guid = attribute(selection, 'guid');
    const at = `${where}, selection ${guid ?? `#${index + 1}`},`;
    if (!guid) throw invalid(`${at} has no guid.`);
    const start = position(selection, 'startPosition', at);
    const end = position(selection, 'endPosition', at);
    if (start >= end || end > length) {
      throw invalid(`${at} runs from ${start} to ${end}, outside its text of ${length} characters.`);
    }
    const codings = children(selection, 'Coding').map((coding) => {
      const codeGuid = attribute(children(coding, 'CodeRef')[0] ?? {}, 'targetGUID');
      if (!codeGuid) throw invalid(`${at} has a Coding without a CodeRef.`);
      const user = attribute(coding, 'creatingUser');
      const created = attribute(coding, 'creationDateTime');
      return { codeGuid: codeGuid.toLowerCase(), ...(user ? { user: user.toLowerCase() } : {}), ...(created ? { created } : {}) };
    });
    const user = attribute(selection, 'creatingUser');
    const created = attribute(selection, 'creationDateTime');
    const modified = attribute(selection, 'modifiedDateTime');
    return {
      guid: guid.toLowerCase(),
      start,
      end,
      ...(user ? { user: user.toLowerCase() } : {}),
      ...(created ? { created } : {}),
      ...(modified ? { modified } : {}),
      description: textOf(children(selection, 'Description')[0]),
      codings,
    };
  });
}

/** The plain text of a TextSource: its zip entry (internal:// path) or its inline PlainTextContent. */
function sourceText(source: XmlElement, entries: Record<string, Uint8Array>, where: string): string {
  const inline = children(source, 'PlainTextContent')[0];
  const path = attribute(source, 'plainTextPath');
  if (path === undefined) {
    if (inline) return textOf(inline);
    throw invalid(`${where} has neither a plainTextPath nor a PlainTextContent.`);
  }
  if (!path.startsWith('internal://')) {
    throw invalid(`${where} keeps its text outside the project (${path}); only texts inside the .qdpx can be imported.`);
  }
  const name = `sources/${path.slice('internal://'.length)}`;
  const bytes = entries[name];
  if (!bytes) throw invalid(`${where} names ${name}, which is not in the project (or is too large).`);
  return utf8(bytes, `${name}`);
}

/** Source kinds of QDA-XML that are not text: left out, with their codings, and said so. */
const OTHER_SOURCES = ['PDFSource', 'PictureSource', 'AudioSource', 'VideoSource'] as const;

/**
 * Reads a .qdpx project. Throws a GlossError (invalid-input) naming the first problem when the file as a whole
 * cannot be imported; sources that are not text are listed in `leftOut`.
 */
export function readQdpx(bytes: Uint8Array, fileName: string): QdpxProject {
  const entries = unpack(bytes, fileName);
  const qde = entries['project.qde'];
  if (!qde) throw invalid(`"${fileName}" is not a REFI-QDA project: it holds no project.qde.`);
  const root = parseXml(utf8(qde, `project.qde of "${fileName}"`), fileName);
  const users = new Map<string, string>();
  for (const user of children(children(root, 'Users')[0], 'User')) {
    const guid = attribute(user, 'guid');
    const name = attribute(user, 'name')?.trim();
    if (guid && name) users.set(guid.toLowerCase(), name);
  }
  const codes = readCodes(children(children(root, 'CodeBook')[0], 'Codes')[0]);
  const sourcesElement = children(root, 'Sources')[0];
  let count = 0;
  const sources = children(sourcesElement, 'TextSource').map((source, index) => {
    const guid = attribute(source, 'guid');
    const name = attribute(source, 'name')?.trim() || `Source ${index + 1}`;
    const where = `The source "${name}"`;
    if (!guid) throw invalid(`${where} has no guid.`);
    const text = sourceText(source, entries, where);
    if (text.length > MAX_DOCUMENT_CHARS) throw invalid(`${where} is longer than ${MAX_DOCUMENT_CHARS} characters.`);
    const selections = readSelections(source, text, where);
    count += selections.length;
    if (count > MAX_IMPORT_ITEMS)
      throw invalid(`"${fileName}" holds more than ${MAX_IMPORT_ITEMS} selections; at most that many import at once.`);
    return { guid: guid.toLowerCase(), name, text, selections };
  });
  const leftOut = OTHER_SOURCES.flatMap((kind) =>
    children(sourcesElement, kind).map((source) => {
      const codings = Object.keys(source)
        .filter((key) => key.endsWith('Selection'))
        .reduce((sum, key) => sum + children(source, key).length, 0);
      return `The ${kind.replace('Source', '').toLowerCase()} source "${attribute(source, 'name') ?? '?'}" was left out${codings > 0 ? ` with its ${codings} selection(s)` : ''}: Gloss reads text sources only.`;
    }),
  );
  return { users, codes, sources, leftOut };
}
