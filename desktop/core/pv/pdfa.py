"""PDF/A-2b on top of reportlab: output intent, XMP packet, deferred "page n/N".

reportlab has no PDF/A switch and its catalog drops unknown keys (PITFALLS.md), so the
canvas below swaps in a catalog that writes /OutputIntents, adds an sRGB ICC profile and an
uncompressed XMP packet whose values match the Info dictionary exactly (same producer
string as pyHanko, so sealing keeps them consistent).

Trame's own properties (document id, recording SHA-256, form and template versions) are
declared in a PDF/A extension schema in the XMP so `trame verify` can read them back from
the sealed revision.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from functools import cache
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas

from desktop.core.pv import fonts
from desktop.core.pv.xmpnames import TRAME_NS, TRAME_PREFIX  # noqa: F401 - re-exported

# The properties Trame stores in the XMP (name -> description for the extension schema).
TRAME_PROPERTIES = {
    "documentId": "Identifiant du document",
    "documentKind": "Nature du document",
    "formId": "Identifiant du formulaire",
    "formVersion": "Version du formulaire",
    "templateId": "Identifiant du modèle",
    "templateVersion": "Version du modèle",
    "auditHead": "Tête de la chaîne d'audit",
    "recordingSha256": "Empreinte SHA-256 de l'enregistrement",
    "contentSha256": "Empreinte SHA-256 du contenu approuvé par les signatures",
    "originalId": "Identifiant du document complété (mention complémentaire)",
    "originalSha256": "Empreinte SHA-256 du document complété (mention complémentaire)",
}


def producer() -> str:
    """The producer string pyHanko writes when it seals: use it from the start."""
    from pyhanko.pdf_utils.metadata.model import VENDOR

    return VENDOR


@cache
def srgb_profile() -> bytes:
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


@dataclass
class PdfMeta:
    title: str
    author: str = ""
    subject: str = ""
    keywords: str = ""
    creator: str = "Trame"
    lang: str = "fr-FR"
    trame: dict[str, str] = field(default_factory=dict)  # keys of TRAME_PROPERTIES


class _PdfACatalog(pdfdoc.PDFCatalog):
    __NoDefault__ = [*pdfdoc.PDFCatalog.__NoDefault__, "OutputIntents"]


class _PlainStream(pdfdoc.PDFStream):
    """A stream written without any /Filter key (PDF/A: the XMP packet stays readable)."""

    def format(self, document):
        d = pdfdoc.PDFDictionary(self.dictionary.dict.copy())
        content = document.encrypt.encode(self.content)
        d["Length"] = len(content)
        return (
            pdfdoc.format(d, document)
            + b"\nstream\n"
            + pdfdoc.format(content, document)
            + b"endstream\n"
        )


def _xmp_date(dt: datetime) -> str:
    return dt.isoformat(timespec="seconds")


def xmp_packet(meta: PdfMeta, when: datetime) -> bytes:
    e = escape
    date = _xmp_date(when)
    trame_props = "".join(
        f"<{TRAME_PREFIX}:{k}>{e(v)}</{TRAME_PREFIX}:{k}>"
        for k, v in meta.trame.items()
        if k in TRAME_PROPERTIES and v
    )
    schema_props = "".join(
        '<rdf:li rdf:parseType="Resource">'
        f"<pdfaProperty:name>{k}</pdfaProperty:name>"
        "<pdfaProperty:valueType>Text</pdfaProperty:valueType>"
        "<pdfaProperty:category>external</pdfaProperty:category>"
        f"<pdfaProperty:description>{e(d)}</pdfaProperty:description>"
        "</rdf:li>"
        for k, d in TRAME_PROPERTIES.items()
    )
    xml = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{e(meta.title)}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{e(meta.author)}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{e(meta.subject)}</rdf:li></rdf:Alt></dc:description>
<dc:language><rdf:Bag><rdf:li>{e(meta.lang)}</rdf:li></rdf:Bag></dc:language>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<xmp:CreateDate>{date}</xmp:CreateDate><xmp:ModifyDate>{date}</xmp:ModifyDate>
<xmp:MetadataDate>{date}</xmp:MetadataDate><xmp:CreatorTool>{e(meta.creator)}</xmp:CreatorTool>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<pdf:Producer>{e(producer())}</pdf:Producer><pdf:Keywords>{e(meta.keywords)}</pdf:Keywords>
<pdf:Trapped>False</pdf:Trapped>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
 xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>Trame</pdfaSchema:schema>
<pdfaSchema:namespaceURI>{TRAME_NS}</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>{TRAME_PREFIX}</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq>{schema_props}</rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:{TRAME_PREFIX}="{TRAME_NS}">{trame_props}</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return xml.encode("utf-8")


class PdfACanvas(Canvas):
    """A canvas that writes PDF/A-2b and draws page-count decorations at save time.

    `decorate(canvas, page_number, page_count)` is called for every page once the total
    is known (page n/N, feuillet n/N, paraphes).
    """

    def __init__(self, *args, meta: PdfMeta, decorate=None, **kwargs):
        fonts.register()
        if not kwargs.get("initialFontName"):
            kwargs["initialFontName"] = fonts.REGULAR
        if not kwargs.get("initialFontSize"):
            kwargs["initialFontSize"] = 10
        kwargs.setdefault("pdfVersion", (1, 7))
        super().__init__(*args, **kwargs)
        self._meta = meta
        self._decorate = decorate
        self._saved_pages: list[dict] = []
        doc = self._doc
        doc.Catalog.__class__ = _PdfACatalog

    def showPage(self):  # noqa: N802 - reportlab API
        self._saved_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._saved_pages)
        for number, state in enumerate(self._saved_pages, start=1):
            self.__dict__.update(state)
            if self._decorate is not None:
                self._decorate(self, number, total)
            Canvas.showPage(self)
        self._install_pdfa()
        Canvas.save(self)

    # -- PDF/A ----------------------------------------------------------------------------
    def _install_pdfa(self) -> None:
        doc = self._doc
        meta = self._meta
        info = doc.info
        info.title = meta.title
        info.author = meta.author
        info.subject = meta.subject
        info.keywords = meta.keywords
        info.creator = meta.creator
        info.producer = producer()
        ts = doc._timeStamp
        tz = timezone(timedelta(hours=ts.dhh, minutes=ts.dmm)) if ts.dhh or ts.dmm else UTC
        when = datetime(*ts.YMDhms, tzinfo=tz)
        # The XMP must carry the same date string as Info: write Info with the same offset.
        info._dateFormatter = lambda y, mo, d, h, mi, s: (
            f"D:{y:04d}{mo:02d}{d:02d}{h:02d}{mi:02d}{s:02d}"
            + _pdf_offset(when.utcoffset() or timedelta(0))
        )

        xmp = _PlainStream(
            pdfdoc.PDFDictionary(
                {"Type": pdfdoc.PDFName("Metadata"), "Subtype": pdfdoc.PDFName("XML")}
            ),
            content=xmp_packet(meta, when),
        )
        doc.Catalog.Metadata = xmp
        icc = pdfdoc.PDFStream(pdfdoc.PDFDictionary({"N": 3}), content=srgb_profile())
        intent = pdfdoc.PDFDictionary(
            {
                "Type": pdfdoc.PDFName("OutputIntent"),
                "S": pdfdoc.PDFName("GTS_PDFA1"),
                "OutputConditionIdentifier": pdfdoc.PDFString("sRGB IEC61966-2.1"),
                "Info": pdfdoc.PDFString("sRGB IEC61966-2.1"),
                "DestOutputProfile": doc.Reference(icc),
            }
        )
        doc.Catalog.OutputIntents = pdfdoc.PDFArray([intent])
        if meta.lang:
            doc.Catalog.Lang = pdfdoc.PDFString(meta.lang)


def _pdf_offset(offset: timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "Z"
    sign = "+" if minutes > 0 else "-"
    h, m = divmod(abs(minutes), 60)
    return f"{sign}{h:02d}'{m:02d}'"
