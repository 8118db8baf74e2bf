// Coders' layers: whose an annotation is. An annotation without a creator is the data folder's own coder's (it was
// made before coders were recorded); one whose creator is someone else belongs to that coder's layer.
import type { Annotation } from '../annotation';

/** The coder an annotation belongs to, given the own coder's name. */
export function coderOf(annotation: Pick<Annotation, 'creator'>, ownCoder: string): string {
  return annotation.creator ?? ownCoder;
}

/** Whether an annotation is the own coder's (and so may be changed here). */
export function isOwnAnnotation(annotation: Pick<Annotation, 'creator'>, ownCoder: string): boolean {
  return annotation.creator === undefined || annotation.creator === ownCoder;
}

/** The coders who have annotations, the own coder first, then the others by name. */
export function codersOf(annotations: Iterable<Pick<Annotation, 'creator'>>, ownCoder: string): string[] {
  const others = new Set<string>();
  for (const a of annotations) if (!isOwnAnnotation(a, ownCoder)) others.add(a.creator!);
  return [ownCoder, ...[...others].sort((a, b) => a.localeCompare(b))];
}

/** One coder's annotations. */
export function layerOf<T extends Pick<Annotation, 'creator'>>(annotations: readonly T[], coder: string, ownCoder: string): T[] {
  return annotations.filter((a) => coderOf(a, ownCoder) === coder);
}

/** Annotations with their creator written out (the own coder's name where it was left out), as exports name them. */
export function withCreators<T extends Pick<Annotation, 'creator'>>(annotations: readonly T[], ownCoder: string): T[] {
  return annotations.map((a) => (a.creator === undefined ? { ...a, creator: ownCoder } : a));
}
