// Reading a file of annotations handed to the service (W3C Web Annotation JSON-LD): its bytes as UTF-8 JSON, or a
// clear refusal naming the file. What the JSON says is the domain's (reports/jsonld-import.ts).
import { GlossError } from '../errors';

/** The JSON of an annotation file sent as base64; throws an invalid-input error saying why it is not UTF-8 JSON. */
export function parseAnnotationFile(fileName: string, dataBase64: string): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(dataBase64, 'base64'));
  } catch {
    throw new GlossError('invalid-input', `"${fileName}" is not UTF-8 text.`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new GlossError('invalid-input', `"${fileName}" is not JSON: Gloss imports W3C Web Annotation JSON-LD.`);
  }
}
