// The agreement report as a kind of export in the Export dialog: which coder to compare with and in what unit, and the
// report built for the document shown (HTML or CSV).
import type { ExportedReport, GlossHost } from '../../annotations/contract';
import { h } from '../ui/dom';
import { field, fieldset } from '../ui/fields';

/** The Export dialog's formats that are the agreement report. */
export const AGREEMENT_FORMATS: ReadonlyArray<[string, string]> = [
  ['agreement-html', 'Intercoder agreement (web page)'],
  ['agreement-csv', 'Intercoder agreement (spreadsheet, comma-separated)'],
];

/** The fieldset of the agreement report's settings (read as FormData: agreementCoder, agreementUnit). */
export function agreementFields(): HTMLFieldSetElement {
  return fieldset(
    'Agreement report',
    [
      field('Compare your coding with', h('select', { props: { id: 'export-agreement-coder', name: 'agreementCoder' } })),
      field(
        'Unit',
        h(
          'select',
          { props: { id: 'export-agreement-unit', name: 'agreementUnit' } },
          h('option', { props: { value: 'character' } }, 'Characters'),
          h('option', { props: { value: 'sentence' } }, 'Sentences'),
          h('option', { props: { value: 'paragraph' } }, 'Paragraphs'),
        ),
      ),
    ],
    { props: { id: 'export-agreement', className: 'export-agreement' } },
  );
}

/** Lists the other coders to compare with; answers the own coder's name. */
export async function fillAgreementFields(host: GlossHost): Promise<string> {
  const coders = await host.listCoders({});
  const select = document.getElementById('export-agreement-coder') as HTMLSelectElement;
  const others = coders.filter((c) => !c.own);
  select.replaceChildren(...others.map((c) => h('option', { props: { value: c.name } }, c.name)));
  if (others.length === 0) select.append(h('option', { props: { value: '' } }, 'No other coder’s layer yet'));
  return coders.find((c) => c.own)!.name;
}

/** Whether a chosen format is the agreement report. */
export function isAgreementFormat(format: string): boolean {
  return AGREEMENT_FORMATS.some(([value]) => value === format);
}

/** Builds the agreement report the form asks for, of one document or (no documentId) of every document. */
export function exportAgreementFrom(host: GlossHost, data: FormData, own: string, documentId?: string): Promise<ExportedReport> {
  const coder = String(data.get('agreementCoder') ?? '');
  if (coder === '')
    return Promise.reject(
      new Error('There is no other coder’s layer to compare with: import a colleague’s coding in Tools → Coders… first.'),
    );
  return host.exportAgreement({
    coders: [own, coder],
    unit: String(data.get('agreementUnit') ?? 'character') as 'character' | 'sentence' | 'paragraph',
    ...(documentId === undefined ? {} : { documentId }),
    format: String(data.get('format')) === 'agreement-csv' ? 'csv' : 'html',
    bom: data.get('bom') === 'on',
  });
}
