// Commands that open the dialogs (export, codebook, library, backups, review), each given what it needs
// of the reader and told what to do when it changed something.
import { showBackupsDialog } from '../dialogs/backups-dialog';
import { showCodebookDialog } from '../dialogs/codebook-dialog';
import { showExportDialog } from '../dialogs/export-dialog';
import { showLibraryDialog } from '../dialogs/library-dialog';
import { showReviewPanel } from '../dialogs/review-panel';
import { selectEntries } from '../state/modules/annotations';
import type { Reader } from './context';
import { loadDocument, refreshLibrary } from './documents';
import { reloadCodebook } from './history';
import { anchored } from './placement';
import { attempt, refuseIfReadOnly } from './saving';
import { scrollToHighlight } from './navigation';

/** The Export dialog for the document shown. */
export function openExport(reader: Reader): void {
  void reader.flushNote();
  const state = reader.store.getState();
  showExportDialog({
    host: reader.host,
    shell: reader.shell,
    documentId: state.document!.id,
    codebook: state.codebook,
    announce: (message) => reader.notices.announce(message),
  });
}

/** The Codebook dialog. */
export function openCodebook(reader: Reader): void {
  void reader.flushNote();
  if (refuseIfReadOnly(reader)) return;
  const state = reader.store.getState();
  showCodebookDialog({
    host: reader.host,
    documentId: state.document!.id,
    codebook: state.codebook,
    onChanged: async (message) => {
      reader.store.dispatch({ type: 'step-recorded' });
      await reloadCodebook(reader);
      reader.notices.announce(message);
    },
  });
}

/** The Library dialog: counts per theme, open, update from file, remove. */
export function openLibrary(reader: Reader): void {
  void reader.flushNote();
  const state = reader.store.getState();
  void showLibraryDialog({
    host: reader.host,
    codebook: state.codebook,
    currentId: state.document!.id,
    readOnly: state.readOnly !== null,
    open: (id) => attempt(reader, () => loadDocument(reader, id)),
    openFolder: () => document.getElementById('open-folder-input')?.click(),
    removed: async (id) => {
      await refreshLibrary(reader);
      if (id === reader.store.getState().document?.id) await loadDocument(reader, reader.store.getState().library[0]!.id);
    },
    updated: async (summary) => {
      await refreshLibrary(reader);
      await loadDocument(reader, summary.id);
      reader.notices.announce(summary.needsReview ? `Updated ${summary.title}: review its highlights.` : `Updated ${summary.title}.`);
    },
    announce: (message) => reader.notices.announce(message),
    onError: (message) => reader.notices.banner.error(message),
  });
}

/** The Backups dialog; after a restore the library and the document shown are read again. */
export function openBackups(reader: Reader): void {
  void showBackupsDialog(
    reader.host,
    async (backup) => {
      await refreshLibrary(reader);
      const { library, document: shown } = reader.store.getState();
      const still = library.find((d) => d.id === shown?.id) ?? library[0];
      if (still) await loadDocument(reader, still.id);
      reader.notices.announce(`Restored the backup of ${new Date(backup.created).toLocaleString()}.`);
    },
    (message) => reader.notices.banner.error(message),
  );
}

/** The review of the shown document's highlights after its text changed. */
export function openReview(reader: Reader): void {
  const doc = reader.store.getState().document!;
  showReviewPanel({
    host: reader.host,
    document: doc,
    annotations: () => selectEntries(reader.store.getState()).map((e) => e.annotation),
    anchorOf: (id) => reader.store.getState().anchors.get(id),
    selectedRange: () => reader.article.selectedRange(),
    changed: (annotation) => reader.store.dispatch({ type: 'annotations-changed', upserted: [anchored(doc, annotation)], removed: [] }),
    deleted: (id) => reader.store.dispatch({ type: 'annotations-changed', upserted: [], removed: [id] }),
    reveal: (id) => scrollToHighlight(reader, id),
    announce: (message) => reader.notices.announce(message),
    onError: (message) => reader.notices.banner.error(message),
    finished: () => refreshLibrary(reader),
  });
}
