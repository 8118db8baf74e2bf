// The Export dialog: pick a format and options, build the report on the host, then save it (desktop: native
// save dialog; browser: a download, or the browser's print dialog for PDF).
import { errorMessage } from '../../annotations/errors';
import type { Codebook } from '../../annotations/codebook';
import type { ExportFormat, GlossHost, ShellCapabilities } from '../../annotations/contract';
import { base64ToBytes, download } from '../save-report';
import { byId, h } from '../ui/dom';
import { choice, fieldset } from '../ui/fields';
import { build, closer, kept, open } from './dialog';
import { AGREEMENT_FORMATS, agreementFields, exportAgreementFrom, fillAgreementFields, isAgreementFormat } from './export-agreement';

/** What the dialog needs from the window. */
export interface ExportContext {
  host: GlossHost;
  shell: ShellCapabilities;
  documentId: string;
  codebook: Codebook;
  announce(message: string): void;
}

/**
 * Gives a same-origin frame the report's own styles. A blob: frame inherits the page's
 * Content-Security-Policy (`style-src 'self'`), which blocks the report's <style> element and its
 * style attributes; constructed stylesheets and CSSOM writes are outside style-src, so the same
 * rules are re-applied that way, as theme-styles.ts does for the reader itself.
 */
export function adoptReportStyles(frame: HTMLIFrameElement): void {
  const doc = frame.contentDocument;
  const realm = frame.contentWindow as (Window & typeof globalThis) | null;
  if (!doc || !realm) return;
  const sheets = [...doc.querySelectorAll('style')].map((element) => {
    // The sheet must be made in the frame's realm: a document adopts only its own constructed sheets.
    const sheet = new realm.CSSStyleSheet();
    sheet.replaceSync(element.textContent ?? '');
    return sheet;
  });
  doc.adoptedStyleSheets = sheets;
  for (const element of doc.querySelectorAll<HTMLElement>('[style]')) element.style.cssText = element.getAttribute('style') ?? '';
}

/** The browser edition's PDF: the HTML report (which runs no script) in a hidden frame, printed by the browser. */
function printInBrowser(html: string): void {
  const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
  const frame = h('iframe', { props: { className: 'print-frame', title: 'Report being printed' } });
  frame.addEventListener('load', () => {
    adoptReportStyles(frame);
    frame.contentWindow?.print();
    setTimeout(() => {
      frame.remove();
      URL.revokeObjectURL(url);
    }, 60_000);
  });
  frame.src = url;
  document.body.append(frame);
}

const FORMATS: ReadonlyArray<[string, string]> = [
  ['html', 'HTML report (one self-contained page)'],
  ['pdf', 'PDF (the HTML report, printed)'],
  ['md', 'Markdown'],
  ['csv', 'CSV (one row per highlight and theme)'],
  ['jsonld', 'W3C Web Annotation (JSON-LD)'],
  ['qdpx', 'REFI-QDA project (.qdpx)'],
  ['qdc', 'REFI-QDA codebook (.qdc)'],
  ...AGREEMENT_FORMATS,
];

const OPTIONS: ReadonlyArray<[string, string, boolean]> = [
  ['onlyWithNotes', 'Only highlights with notes', false],
  ['includeArticle', 'Include the full article', true],
  ['bom', 'CSV: byte-order mark for spreadsheet programs', false],
];

/** The dialog, made once so the format and options chosen stay chosen for the next export. */
function exportDialog(): HTMLDialogElement {
  return kept('export-dialog', () => {
    const formats = fieldset(
      'Format',
      FORMATS.map(([value, text]) => choice('radio', 'format', value, text, value === 'html')),
    );
    // A checkbox with no value attribute reads "on" in FormData, which the submit checks for.
    const options = fieldset(
      'Options',
      OPTIONS.map(([name, text, checked]) => choice('checkbox', name, 'on', text, checked)),
    );
    // The corpus report covers every document: its matrix, co-occurrence, passages by theme and notes.
    const scope = fieldset('Report on', [
      choice('radio', 'scope', 'document', 'This document', true),
      choice('radio', 'scope', 'corpus', 'Every document: the corpus report'),
    ]);
    return build({
      id: 'export-dialog',
      className: 'export-dialog',
      title: 'Export',
      formId: 'export-form',
      body: [
        scope,
        formats,
        fieldset('Themes', [], { props: { id: 'export-themes' } }),
        options,
        agreementFields(),
        h('p', { props: { className: 'export-status', id: 'export-status' }, attrs: { role: 'status', 'aria-live': 'polite' } }),
      ],
      actions: [
        closer('Cancel', 'export-cancel'),
        h('button', { props: { type: 'submit', id: 'export-submit', value: 'export' } }, 'Export'),
      ],
    }).dialog;
  });
}

/** Opens the dialog for the document shown. */
export function showExportDialog(context: ExportContext): void {
  const dialog = exportDialog();
  const form = byId<HTMLFormElement>('export-form');
  const themes = byId('export-themes');
  const status = byId('export-status');
  const submit = byId<HTMLButtonElement>('export-submit');

  themes.replaceChildren(
    themes.querySelector('legend')!,
    ...context.codebook.map((theme) => choice('checkbox', 'theme', theme.id, theme.label, true)),
  );
  status.textContent = '';
  status.classList.remove('is-error');
  submit.disabled = false;

  const setStatus = (text: string, error = false): void => {
    status.textContent = text;
    status.classList.toggle('is-error', error);
  };

  const own = fillAgreementFields(context.host);
  own.catch(() => undefined);
  form.onsubmit = async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const choice = String(data.get('format') ?? 'html');
    const chosenThemes = data.getAll('theme').map(String);
    if (chosenThemes.length === 0 && choice !== 'qdc') {
      setStatus('Choose at least one theme.', true);
      return;
    }
    const format: ExportFormat = choice === 'pdf' ? 'html' : (choice as ExportFormat);
    const corpus = data.get('scope') === 'corpus';
    const agreement = isAgreementFormat(choice);
    if (corpus && !agreement && format !== 'html' && format !== 'md' && format !== 'csv') {
      setStatus('A corpus report is made as HTML, PDF, Markdown or CSV.', true);
      return;
    }
    submit.disabled = true;
    form.setAttribute('aria-busy', 'true');
    setStatus('Building the report…');
    try {
      const themes = chosenThemes.length === context.codebook.length ? undefined : chosenThemes;
      const onlyWithNotes = data.get('onlyWithNotes') === 'on';
      const bom = data.get('bom') === 'on';
      // The agreement report of the corpus scope compares the two coders over every document.
      const report = agreement
        ? await exportAgreementFrom(context.host, data, await own, corpus ? undefined : context.documentId)
        : corpus && (format === 'html' || format === 'md' || format === 'csv')
          ? await context.host.exportCorpusReport({ format, themes, onlyWithNotes, bom })
          : await context.host.exportReport({
              documentId: context.documentId,
              format,
              themes,
              onlyWithNotes,
              includeArticle: data.get('includeArticle') === 'on',
              bom,
            });
      let message: string;
      if (choice === 'pdf') {
        const html = new TextDecoder().decode(base64ToBytes(report.dataBase64));
        const defaultName = report.fileName.replace(/\.html$/, '.pdf');
        if (context.shell.savePdf) {
          setStatus('Printing to PDF…');
          const { path } = await context.shell.savePdf({ defaultName, html });
          message = path ? `Saved the PDF to ${path}.` : 'Export cancelled.';
        } else {
          printInBrowser(html);
          message = 'The report is open in the print dialog: choose "Save as PDF".';
        }
      } else if (context.shell.saveFile) {
        setStatus('Saving…');
        const { path } = await context.shell.saveFile({ defaultName: report.fileName, dataBase64: report.dataBase64 });
        message = path ? `Saved to ${path}.` : 'Export cancelled.';
      } else {
        download(report.fileName, report.mimeType, report.dataBase64);
        message = `Downloaded ${report.fileName}.`;
      }
      setStatus(message);
      context.announce(message);
      dialog.close();
    } catch (error) {
      setStatus(`The export failed: ${errorMessage(error)}`, true);
    } finally {
      submit.disabled = false;
      form.removeAttribute('aria-busy');
    }
  };
  open(dialog);
}
