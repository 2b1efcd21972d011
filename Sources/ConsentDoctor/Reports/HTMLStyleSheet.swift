/// The style sheet of every report page, a constant so that no report data can reach it.
///
/// It loads nothing (no `url(`, no `@import`, no web fonts) and uses system font stacks. Status
/// colours are dark enough for white badge text to reach a WCAG 2 contrast ratio of at least 7:1
/// (the lowest, warning #7d4e00, is 7.09:1). Every badge also carries its status as a word, so the
/// page reads the same in grey scale.
enum HTMLStyleSheet {
    static let css = """
    :root {
      --text: #1f2328;
      --muted: #4d5761;
      --border: #d0d7de;
      --surface: #f6f8fa;
      --pass: #116329;
      --fail: #a40e26;
      --warning: #7d4e00;
      --unknown: #4d5761;
      --info: #0550ae;
    }
    * { box-sizing: border-box; }
    html { background: #ffffff; color: var(--text); }
    body {
      margin: 0 auto;
      max-width: 64rem;
      padding: 1.5rem 1.25rem 3rem;
      font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", "DejaVu Sans", Arial, sans-serif;
      font-size: 1rem;
      line-height: 1.5;
    }
    h1 { font-size: 1.6rem; margin: 0 0 0.25rem; }
    h2 { font-size: 1.3rem; margin: 2rem 0 0.75rem; padding-bottom: 0.25rem; border-bottom: 1px solid var(--border); }
    h3 { font-size: 1.1rem; margin: 0 0 0.5rem; }
    p { margin: 0.5rem 0; }
    code, pre {
      font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace;
      font-size: 0.9em;
    }
    code { overflow-wrap: anywhere; }
    pre {
      margin: 0.5rem 0;
      padding: 0.75rem 1rem;
      background: var(--surface);
      border: 1px solid var(--border);
      border-radius: 6px;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    pre.commands code {
      display: block;
      padding-left: 4ch;
      text-indent: -4ch each-line;
    }
    table { width: 100%; border-collapse: collapse; margin: 0.5rem 0; }
    th, td {
      text-align: left;
      vertical-align: top;
      padding: 0.35rem 0.5rem;
      border-bottom: 1px solid var(--border);
      overflow-wrap: anywhere;
    }
    th { overflow-wrap: break-word; }
    thead th { background: var(--surface); }
    table.values { table-layout: fixed; }
    .values th { width: 15rem; font-weight: 600; }
    .values td code { white-space: pre-wrap; }
    .requests table { table-layout: fixed; }
    .requests th:nth-child(1) { width: 5.5rem; }
    .requests th:nth-child(3) { width: 7.5rem; }
    .requests th:nth-child(4) { width: 21rem; }
    dl { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: 0.25rem 1rem; margin: 0.5rem 0; }
    dt { font-weight: 600; }
    dd { margin: 0; overflow-wrap: anywhere; }
    ul, ol { margin: 0.5rem 0; padding-left: 1.5rem; }
    li { margin: 0.25rem 0; }
    .subtitle, .muted, .finding-id { color: var(--muted); }
    .finding-id { font-size: 0.85rem; }
    .badge {
      display: inline-block;
      min-width: 5.5rem;
      margin-right: 0.5rem;
      padding: 0.05rem 0.5rem;
      border-radius: 4px;
      color: #ffffff;
      background: var(--unknown);
      font-size: 0.8rem;
      font-weight: 700;
      letter-spacing: 0.03em;
      text-align: center;
      vertical-align: 0.1em;
      white-space: nowrap;
    }
    .badge.status-pass { background: var(--pass); }
    .badge.status-fail { background: var(--fail); }
    .badge.status-warning { background: var(--warning); }
    .badge.status-unknown { background: var(--unknown); }
    .badge.status-info { background: var(--info); }
    .verdict {
      margin: 1rem 0;
      padding: 1rem 1.25rem;
      border: 1px solid var(--border);
      border-left-width: 8px;
      border-radius: 6px;
      background: var(--surface);
    }
    .verdict h2 { margin: 0 0 0.25rem; border: 0; padding: 0; font-size: 1.4rem; }
    .verdict-healthy { border-left-color: var(--pass); background: #dafbe1; }
    .verdict-problems { border-left-color: var(--fail); background: #ffebe9; }
    .verdict-incomplete { border-left-color: var(--warning); background: #fff8c5; }
    .verdict-diagnosed { border-left-color: var(--info); background: #ddf4ff; }
    .verdict-no-error-found { border-left-color: var(--unknown); }
    .counts { color: var(--text); font-weight: 600; }
    ol.writes { list-style: none; padding: 0; }
    .finding, .diagnosis, .write-record {
      margin: 0.75rem 0;
      padding: 0.75rem 1rem;
      border: 1px solid var(--border);
      border-left-width: 6px;
      border-radius: 6px;
    }
    .status-pass:not(.badge) { border-left-color: var(--pass); }
    .status-fail:not(.badge) { border-left-color: var(--fail); }
    .status-warning:not(.badge) { border-left-color: var(--warning); }
    .status-unknown:not(.badge) { border-left-color: var(--unknown); }
    .status-info:not(.badge) { border-left-color: var(--info); }
    .diagnosis { border-left-color: var(--info); }
    .reason { padding-left: 0.75rem; border-left: 3px solid var(--border); }
    .warnings li, .notes li { padding-left: 0.25rem; }
    .url { overflow-wrap: anywhere; }
    footer { margin-top: 2.5rem; font-size: 0.9rem; }
    @media print {
      html { background: #ffffff; font-size: 10pt; }
      body { max-width: none; padding: 0; color: #000000; }
      h2 { break-after: avoid; }
      h3 { break-after: avoid; }
      .finding, .diagnosis, .write-record, .verdict, pre, tr { break-inside: avoid; }
      .badge, .verdict, thead th { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
      pre { border-color: #777777; }
      footer { margin-top: 1.5rem; }
    }

    """
}
