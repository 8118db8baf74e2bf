// The Content-Security-Policy every HTML report carries.

/** The Content-Security-Policy of every report: no scripts, no requests, inline styles and data: images only. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
