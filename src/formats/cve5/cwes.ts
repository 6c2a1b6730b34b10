import type { SourcedContainer } from './containers.js';
import { unique } from './text.js';

// Many CNAs leave cweId out and write the id at the start of the text: "CWE-79 Improper Neutralization…".
const LEADING_CWE = /^CWE-[1-9][0-9]*\b/;

/** CWE ids from every container's problem types, first mention first, each once. */
export function cwesOf(containers: readonly SourcedContainer[]): string[] {
  const ids: string[] = [];
  for (const { container } of containers) {
    for (const problemType of container.problemTypes ?? []) {
      for (const d of problemType.descriptions) {
        const id = d.cweId ?? LEADING_CWE.exec(d.description.trim())?.[0];
        if (id) ids.push(id);
      }
    }
  }
  return unique(ids);
}
