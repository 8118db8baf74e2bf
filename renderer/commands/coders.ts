// Commands for coders and their layers: the layers' look kept up to date, the one-time word about the name the
// reader codes under, and the Coders, Agreement and Compare views opened with what they need of the reader.
import type { CoderSummary } from '../../annotations/contract';
import { showAgreementDialog } from '../dialogs/agreement-dialog';
import { showCodersDialog } from '../dialogs/coders-dialog';
import { showComparePanel } from '../dialogs/compare-panel';
import type { LayerStyles } from '../layers';
import { saveReport } from '../save-report';
import { selectEntries } from '../state/modules/annotations';
import type { Reader } from './context';
import { loadDocument, refreshLibrary } from './documents';
import { importAnnotations } from './import-annotations';
import { scrollToHighlight } from './navigation';
import { attempt } from './saving';
import { button, h } from '../ui/dom';

/** Reads the coders from the host and gives the layers their look; answers the own coder and everyone. */
export async function refreshLayers(reader: Reader, layers: LayerStyles): Promise<{ own: string; coders: CoderSummary[] }> {
  const [status, coders] = await Promise.all([reader.host.getStatus({}), reader.host.listCoders({})]);
  layers.setCoders(
    status.coder.name,
    coders.map((c) => c.name),
  );
  return { own: status.coder.name, coders };
}

/** The id of the question above the article: which name to code under. */
const HINT_ID = 'coder-hint';

/**
 * Asks, above the article, which name the reader's highlights record, until they answer once (keep the OS user name
 * or choose another in the Coders dialog); a data folder whose name was chosen is not asked. Not a toast or a dialog:
 * it waits for the answer without covering the page or taking focus.
 */
export async function askCoderNameOnce(reader: Reader, layers: LayerStyles): Promise<void> {
  const status = await reader.host.getStatus({});
  if (status.coder.chosen || status.readOnly || document.getElementById(HINT_ID)) return;
  const keep = button(
    `Keep “${status.coder.name}”`,
    () =>
      void attempt(reader, async () => {
        await reader.host.setCoderName({ name: status.coder.name });
        answered(reader, `You code as ${status.coder.name}.`);
      }),
  );
  const hint = h(
    'p',
    { props: { id: HINT_ID, className: 'help coder-hint' } },
    `Your highlights record you as “${status.coder.name}” (your name on this computer). `,
    keep,
    ' ',
    button('Choose another name…', () => openCoders(reader, layers)),
  );
  document.getElementById('article-help')?.after(hint);
}

/** The question is answered: it goes, and the reader is told. */
function answered(reader: Reader, message: string): void {
  document.getElementById(HINT_ID)?.remove();
  reader.notices.announce(message);
}

/** After a change of layers (an import, a merge, a rename): the document, the library and the layers read again. */
async function layersChanged(reader: Reader, layers: LayerStyles): Promise<void> {
  await refreshLibrary(reader);
  await loadDocument(reader, reader.store.getState().document!.id);
  await refreshLayers(reader, layers);
}

/** The Coders dialog: the own name, the layers shown or hidden, a colleague's coding imported as their layer. */
export function openCoders(reader: Reader, layers: LayerStyles): void {
  void showCodersDialog({
    coders: () => reader.host.listCoders({}),
    layers,
    rename: async (name) => {
      const status = await reader.host.setCoderName({ name });
      await layersChanged(reader, layers);
      answered(reader, `You code as ${status.name}.`);
      return status.name;
    },
    importAs: async (file, coder) => {
      await importAnnotations(reader, file, coder);
      await refreshLayers(reader, layers);
    },
    announce: (message) => reader.notices.announce(message),
  });
}

/** The Agreement dialog for the document shown. */
export async function openAgreement(reader: Reader, layers: LayerStyles): Promise<void> {
  await reader.flushNote();
  const { own, coders } = await refreshLayers(reader, layers);
  const doc = reader.store.getState().document!;
  showAgreementDialog({
    own,
    coders,
    documentId: doc.id,
    text: doc.text,
    agreement: (query) => reader.host.getAgreement(query),
    exportReport: (input) => reader.host.exportAgreement(input),
    save: (report) => saveReport(reader.shell, report),
    reveal: (start) => {
      const entry = selectEntries(reader.store.getState()).find(
        (e) => e.anchor.status === 'anchored' && e.anchor.start <= start && start < e.anchor.end,
      );
      if (entry) scrollToHighlight(reader, entry.annotation.id);
    },
    compare: (coder, themeId) => openCompare(reader, layers, own, coder, themeId),
    announce: (message) => reader.notices.announce(message),
  });
}

/** The compare view of the document shown: the own coder's and `coder`'s coding of a theme side by side. */
export function openCompare(reader: Reader, layers: LayerStyles, own: string, coder: string, themeId: string): Promise<void> {
  const state = reader.store.getState();
  const doc = state.document!;
  document.querySelector<HTMLDialogElement>('#agreement-dialog')?.close();
  return showComparePanel({
    documentId: doc.id,
    text: doc.text,
    codebook: state.codebook,
    coders: [own, coder],
    own,
    themeId,
    annotations: () => reader.host.listAnnotations({ documentId: doc.id }),
    reveal: (id) => scrollToHighlight(reader, id),
    merge: async (input) => {
      const result = await reader.host.mergeLayers(input);
      await layersChanged(reader, layers);
      return result;
    },
    announce: (message) => reader.notices.announce(message),
  });
}
