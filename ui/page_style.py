"""Style for every page (ui.shell draws it once per run): room for content above the fold, and printing.

Printing any page from the browser gives a clean document: no sidebar, header, toolbar or widgets (the choices made
with them are in the page's text), the page's own scrolling box let out so every part prints, headings kept whole
and with what follows them, table rows and charts not split across pages, and charts at the page's width."""

APP_TITLE = "Children's services improvement dashboard"  # every page's title ends with it, the sign-in page's too

PAGE_CSS = """
<style>
[data-testid="stMainBlockContainer"] { padding-top: 4rem; }
[data-testid="stMain"] [data-testid="stAlertContainer"] { padding: 0.5rem 0.9rem; }
[data-testid="stMain"] h1 { font-size: 2rem; padding-top: 0.25rem; padding-bottom: 0.4rem; }
a.sign-in-link { display: inline-block; padding: 0.5rem 1rem; min-height: 2.5rem; box-sizing: border-box;
  color: #ffffff !important; background: #00703c; font-weight: 700; text-decoration: none;
  box-shadow: 0 2px 0 #002d18; }
a.sign-in-link:hover { background: #005a30; }
a.sign-in-link:focus-visible { outline: 3px solid #ffdd00; color: #0b0c0c !important; background: #ffdd00;
  box-shadow: 0 2px 0 #0b0c0c; }
form.sign-out { margin: 0; }
form.sign-out button { min-height: 2.5rem; padding: 0.25rem 0.75rem; font: inherit; color: #0b0c0c;
  background: #ffffff; border: 1px solid rgba(49, 51, 63, 0.3); border-radius: 0.5rem; cursor: pointer; }
form.sign-out button:hover { border-color: #1d70b8; color: #1d70b8; }
form.sign-out button:focus-visible { outline: 3px solid #ffdd00; box-shadow: 0 0 0 5px #0b0c0c; }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
  [data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapsedControl"], [data-testid="stStatusWidget"],
  [data-testid="stDownloadButton"], [data-testid="stButton"], [data-testid="stSelectbox"],
  [data-testid="stMultiSelect"], [data-testid="stTextInput"], [data-testid="stForm"], [data-testid="stFileUploader"],
  [data-testid="stCheckbox"],
  [data-testid="stBottom"], .stDownloadButton, .svg-chart .spot, iframe, .scroll-cue, .chart-cue,
  [data-testid="stElementContainer"]:has([data-testid="stMultiSelect"], [data-testid="stSelectbox"],
    [data-testid="stDownloadButton"], [data-testid="stButton"], [data-testid="stTextInput"],
    [data-testid="stCheckbox"]) {
    display: none !important; }
  .kpi-table { font-size: 9pt !important; min-width: 0 !important; }
  .table-scroll { overflow: visible !important; }
  html, body, #root, [data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"],
  [data-testid="stMainBlockContainer"] { height: auto !important; min-height: 0 !important;
    overflow: visible !important; position: static !important; }
  [data-testid="stMain"] { margin-left: 0 !important; width: 100% !important; }
  [data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: none !important; }
  h1, h2, h3, h4, caption { break-after: avoid; break-inside: avoid; overflow-wrap: normal !important;
    word-break: normal !important; hyphens: manual !important; }
  tr, img, .svg-chart, .attention li, [data-testid="stAlert"] { break-inside: avoid; }
  thead { display: table-header-group; }
  .svg-scroll { overflow: visible !important; }
  .svg-chart { min-width: 0 !important; }
  .overview { grid-template-columns: minmax(0, 1fr) !important; }
  details { display: block; }
  a { color: #0b0c0c !important; }
}
</style>
"""
