// Saving a report the host built: the desktop's native save dialog, or in the browser a download.
import type { ExportedReport, ShellCapabilities } from '../annotations/contract';
import { h } from './ui/dom';

/** The bytes of a base64 text. */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Hands a file to the browser as a download. */
export function download(fileName: string, mimeType: string, base64: string): void {
  const url = URL.createObjectURL(new Blob([base64ToBytes(base64)], { type: mimeType }));
  const link = h('a', { props: { href: url, download: fileName } });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Saves a built report where the shell can (its save dialog), else downloads it; answers what happened, in words. */
export async function saveReport(shell: ShellCapabilities, report: ExportedReport): Promise<string> {
  if (shell.saveFile) {
    const { path } = await shell.saveFile({ defaultName: report.fileName, dataBase64: report.dataBase64 });
    return path ? `Saved to ${path}.` : 'Export cancelled.';
  }
  download(report.fileName, report.mimeType, report.dataBase64);
  return `Downloaded ${report.fileName}.`;
}
