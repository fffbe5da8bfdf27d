"""The committee pack as a PDF: cover, scorecard, a page per Red or Amber KPI, workstream progress, and what changed
since the previous pack. Status is always a shape and a word, so the pack reads when printed in black and white."""

import io
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from domain.brag import RATED_ORDER, Status
from domain.months import day_label, month_label
from domain.pack import AUDIENCES, PackContent
from domain.plan_history import NOTHING_HAPPENED
from reports.pdf_chart import draw_trend
from reports.spc_marks import assurance_svg, variation_svg

FONTS = Path(__file__).parent / "fonts"  # DejaVu Sans (free licence, fonts/LICENSE.txt): has ★ ● ▲ ■ ○
KEY = (*reversed(RATED_ORDER), Status.NOT_RATED, Status.NO_DATA, Status.SUPPRESSED)
HEADINGS = FontFace(emphasis="BOLD", fill_color=(230, 230, 230))


def _hex(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def _table(pdf: FPDF, widths: tuple, size: float = 8, line_height: float = 4.6, align="LEFT"):
    """A table with white cells (fill colours never leak from the chart), grey bold headings, in `size` points."""
    pdf.set_font("DejaVu", size=size)
    pdf.set_fill_color(255, 255, 255)
    return pdf.table(
        col_widths=widths,
        text_align=align,
        headings_style=HEADINGS,
        line_height=line_height,
        cell_fill_color=(255, 255, 255),
        cell_fill_mode="ALL",
    )


def status_face(status: Status) -> FontFace:
    return FontFace(emphasis="BOLD", color=_hex(status.value.text), fill_color=_hex(status.value.background))


class PackPdf(FPDF):
    def __init__(self, content: PackContent):
        super().__init__(format="A4")
        self.content = content
        self.add_font("DejaVu", "", FONTS / "DejaVuSans.ttf")
        self.add_font("DejaVu", "B", FONTS / "DejaVuSans-Bold.ttf")
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(True, margin=18)
        self.set_title(content.title)
        self.set_author(content.council)
        self.set_lang("en-GB")
        self.set_creation_date(content.built_at)

    def footer(self):
        self.set_y(-12)
        self.set_font("DejaVu", size=7.5)
        self.set_text_color(80, 90, 95)
        demo = "DEMONSTRATION DATA · " if self.content.is_demo else ""
        self.cell(
            0,
            5,
            f"{demo}{self.content.title} · {AUDIENCES[self.content.audience]} · page {self.page_no()} of {{nb}}",
            align="C",
        )
        self.set_text_color(0, 0, 0)

    def heading(self, text: str, size: float = 15) -> None:
        self.set_font("DejaVu", "B", size)
        self.multi_cell(0, size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def paragraph(self, text: str, size: float = 10) -> None:
        self.set_font("DejaVu", size=size)
        self.multi_cell(0, size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(1.5)


def _cover(pdf: PackPdf, content: PackContent) -> None:
    pdf.add_page()
    if content.is_demo:
        pdf.paragraph("DEMONSTRATION DATA: the figures are invented for demonstration and testing.", 11)
    pdf.ln(20)
    pdf.heading(content.council, 14)
    pdf.heading(f"Children's services improvement: performance pack for {month_label(content.month)}", 22)
    pdf.ln(4)
    chosen = (
        "all workstreams"
        if len(content.workstreams) == 10 or not content.workstreams
        else ", ".join(ws.label for ws in content.workstreams)
    )
    pdf.paragraph(
        f"For: {AUDIENCES[content.audience]}.\nWorkstreams: {chosen}.\n"
        f"Built by {content.built_by} on {day_label(content.built_at)} at {content.built_at:%H:%M}.",
        11,
    )
    if content.audience == "public":
        pdf.paragraph(
            f"Numbers of children from 1 to {content.threshold} are shown as c, and so are figures they "
            "could be worked out from. Only commentary marked for publication is included.",
            10,
        )
    pdf.ln(3)
    pdf.heading("Summary", 13)
    pdf.paragraph(content.summary, 11)
    pdf.heading("How to read the status", 13)
    pdf.paragraph("Every status is a shape and a word, so it reads in black and white.")
    with _table(pdf, (35, 145), size=9, line_height=6) as table:
        table.row(["Status", "Meaning"])
        for status in KEY if content.audience == "public" else KEY[:-1]:
            row = table.row()
            row.cell(status.text, style=status_face(status))
            row.cell(status.value.meaning)


def _scorecard(pdf: PackPdf, content: PackContent) -> None:
    pdf.add_page()
    pdf.heading(f"Scorecard, {month_label(content.month)}", 17)
    for workstream in content.workstreams:
        rows = [r for r in content.rows if r.workstream == workstream.code]
        if not rows:
            continue
        if pdf.get_y() > pdf.h - 60:  # keep the heading with its table
            pdf.add_page()
        pdf.heading(workstream.label, 11.5)
        # the SPC icons (reports.spc_marks) each in a narrow column before the words they go with
        widths = (46, 16, 17, 17, 6, 25, 6, 26, 21)
        align = ("LEFT", "RIGHT", "RIGHT", "RIGHT", "CENTER", "LEFT", "CENTER", "LEFT", "LEFT")
        with _table(pdf, widths, align=align) as table:
            table.row(["KPI", "Latest", "Since last month", "Since last year", "", "Direction", "", "Target", "Status"])
            for r in rows:
                row = table.row()
                row.cell(f"{r.kpi.code} {r.kpi.title}")
                row.cell(r.value_text)
                row.cell(r.change_month_text)
                row.cell(r.change_year_text)
                _icon(row, variation_svg(r.story.variation))
                row.cell(r.direction)
                _icon(row, assurance_svg(r.story.assurance))
                assurance = r.story.assurance.removeprefix("Target ")
                row.cell(r.target_text + (f" ({assurance})" if assurance else ""))
                row.cell(r.status.text, style=status_face(r.status))
        pdf.ln(3)


def _icon(row, svg: str) -> None:
    """A table cell holding an SPC icon, or empty where the story has none."""
    if svg:
        row.cell(img=io.BytesIO(svg.encode()), img_fill_width=False)
    else:
        row.cell("")


def _spotlight(pdf: PackPdf, content: PackContent) -> None:
    for item in content.spotlight:
        row, kpi = item.row, item.row.kpi
        pdf.add_page()
        pdf.heading(f"{row.status.text}: {kpi.code} {kpi.title}", 16)
        pdf.paragraph(
            f"{month_label(content.month)}: {row.value_text} (target {row.target_text}). Since last "
            f"month: {row.change_month_text}; since last year: {row.change_year_text}; direction of travel: "
            f"{row.direction.lower()}. {row.story.status_reason}",
            10.5,
        )
        top = pdf.get_y() + 2
        draw_trend(pdf, item.trend, pdf.l_margin, top, pdf.epw, 80, row.story.rebases)
        pdf.ln(3)
        pdf.heading("What the chart shows", 11.5)
        pdf.paragraph(item.summary)
        if item.benchmark:
            pdf.heading("Compared with others", 11.5)
            pdf.paragraph(item.benchmark)
        if row.commentary or content.audience == "members":  # the public get only commentary marked public
            pdf.heading("Commentary", 11.5)
            pdf.paragraph(row.commentary or "No commentary was given with this month's figure.")


def _progress(pdf: PackPdf, content: PackContent) -> None:
    pdf.add_page()
    pdf.heading("Workstream progress", 17)
    if content.snapshot is None:
        pdf.paragraph("No action log had been loaded for this month or before it.")
        return
    pdf.paragraph(
        f"Action log as at {day_label(content.snapshot.as_at)}. Action status is about delivery: "
        "★ Blue complete, ● Green on track, ▲ Amber at risk, ■ Red off track."
    )
    with _table(pdf, (38, 13, 14, 15, 12, 26, 62)) as table:
        table.row(["Workstream", "★ Blue", "● Green", "▲ Amber", "■ Red", "Overdue", "Verdict"])
        for item in content.progress:
            overdue = ", ".join(a.action_id for a in item.overdue) if item.overdue else "None"
            table.row(
                [item.workstream.label, *(str(item.counts[s]) for s in reversed(RATED_ORDER)), overdue, item.verdict]
            )
    _plan_changes(pdf, content)


def _plan_changes(pdf: PackPdf, content: PackContent) -> None:
    """What happened to the actions since the log before: the Timeline page's month, for the pack's workstreams."""
    if content.plan_since is None:
        return
    pdf.ln(4)
    pdf.heading(content.plan_changes_title, 11.5)
    if not content.plan_changes:
        pdf.paragraph(NOTHING_HAPPENED)
        return
    with _table(pdf, (22, 104, 54)) as table:
        table.row(["Happened", "Action", "Detail"])
        for milestone in content.plan_changes:
            action = milestone.action
            table.row([milestone.kind.capitalize(), f"{action.action_id} {action.action}", milestone.what])


def _changes(pdf: PackPdf, content: PackContent) -> None:
    pdf.ln(6)
    pdf.heading("What changed since the previous pack", 15)
    if content.changes is None:
        pdf.paragraph("This is the first stored pack, so there is nothing to compare with.")
        return
    since = month_label(content.previous_month)
    if not content.changes:
        pdf.paragraph(f"No KPI changed status since the pack for {since}.")
        return
    pdf.paragraph(f"KPIs whose status changed since the pack for {since}:")
    by_label = {s.value.label: s for s in Status}
    with _table(pdf, (100, 40, 40)) as table:
        table.row(["KPI", f"In {since}", f"In {month_label(content.month)}"])
        for change in content.changes:
            row = table.row()
            row.cell(f"{change.code} {change.title}")
            for label in (change.before, change.after):
                status = by_label.get(label)
                row.cell(status.text if status else label, style=status_face(status) if status else None)


def _voice(pdf: PackPdf, content: PackContent) -> None:
    pdf.add_page()
    pdf.heading("Voice of children and families", 17)
    pdf.paragraph(
        "What children and young people, and parents and carers, say in the monthly feedback surveys, with how many "
        "answered, and the complaints and compliments received."
    )
    for line in content.voice:
        pdf.paragraph(line)
    if not content.voice:
        pdf.paragraph("The KPI catalogue has no feedback surveys or complaints measures to report here.")


def _sources(pdf: PackPdf, content: PackContent) -> None:
    pdf.add_page()
    pdf.heading("Appendix: where the figures come from", 15)
    if not content.names_its_files:
        pdf.paragraph(content.sources_sentence)
        return
    pdf.paragraph(
        "Every figure in this pack comes from these uploads (monthly returns and the action log), as "
        "they stood when the pack was built. The SHA-256 fingerprint identifies each file exactly."
    )
    with _table(pdf, (14, 56, 110), size=7, line_height=4) as table:
        table.row(["Upload", "File", "SHA-256 of the file as uploaded"])
        for source in content.sources:
            table.row([str(source.submission_id), source.file_name, source.sha256])


def render_pdf(content: PackContent) -> bytes:
    pdf = PackPdf(content)
    _cover(pdf, content)
    _scorecard(pdf, content)
    _spotlight(pdf, content)
    _progress(pdf, content)
    _voice(pdf, content)
    _changes(pdf, content)
    _sources(pdf, content)
    return bytes(pdf.output())
