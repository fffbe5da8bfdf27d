"""Style for every page (ui.shell draws it once per run): room for content above the fold, and printing.

Printing any page from the browser gives a clean document: no sidebar, header, toolbar or widgets (the choices made
with them are in the page's text), the page's own scrolling box let out so every part prints, headings kept whole
and with what follows them, table rows and charts not split across pages, and charts at the page's width."""

PAGE_CSS = """
<style>
[data-testid="stMainBlockContainer"] { padding-top: 4rem; }
[data-testid="stMain"] [data-testid="stAlertContainer"] { padding: 0.5rem 0.9rem; }
[data-testid="stMain"] h1 { font-size: 2rem; padding-top: 0.25rem; padding-bottom: 0.4rem; }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
  [data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapsedControl"], [data-testid="stStatusWidget"],
  [data-testid="stDownloadButton"], [data-testid="stButton"], [data-testid="stSelectbox"],
  [data-testid="stMultiSelect"], [data-testid="stTextInput"], [data-testid="stForm"], [data-testid="stFileUploader"],
  [data-testid="stBottom"], .stDownloadButton, .svg-chart .spot, iframe, .scroll-cue,
  [data-testid="stElementContainer"]:has([data-testid="stMultiSelect"], [data-testid="stSelectbox"],
    [data-testid="stDownloadButton"], [data-testid="stButton"], [data-testid="stTextInput"]) {
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

# A tablet held upright (about 820 px wide) or a phone: the sidebar would cover a third of the page, so it starts
# collapsed, once per browser tab; the member opens it with its button, and it then stays as they leave it.
# (Streamlit collapses it by itself only below 768 px.)
NARROW_SCREEN = 1024
SIDEBAR_SCRIPT = f"""<script>
if (!window.dashboardSidebarChecked) {{
  window.dashboardSidebarChecked = true;
  if (window.innerWidth <= {NARROW_SCREEN} && !sessionStorage.getItem("dashboardSidebarCollapsed")) {{
    sessionStorage.setItem("dashboardSidebarCollapsed", "1");
    const collapse = (tries) => {{
      const button = document.querySelector('[data-testid="stSidebarCollapseButton"] button[aria-expanded="true"]');
      if (button) {{ button.click(); return; }}
      if (tries > 0) setTimeout(() => collapse(tries - 1), 100);
    }};
    collapse(50);
  }}
}}
</script>"""
