"""The strict verifier behind `trame verify` and the verify screen.

pyHanko alone accepts later changes that the document's rules allow. We also require:
- at least one seal, in a document that Trame produced (its XMP properties);
- every seal intact (digest) and valid (signature), its certificate valid at the claimed time;
- earlier seals followed only by form filling / further seals (DocMDP respected);
- the last seal covers the whole file: nothing was appended after it, and the bytes no
  signature covers (the hex of /Contents, the unsigned parts of the CMS) are as Trame
  writes them;
- the last seal forbids any change (DocMDP "no changes");
- every seal field that the document planned is signed (unless require_complete=False);
- with a recording, its SHA-256 equals the one written in the sealed PV.

Identity is a separate question: a seal's certificate is « reconnu » only when the signer's
certificate, or an issuer of it, is on the verifier's trust list (desktop.core.seal.trust).
Certificates carried inside the PDF are never trust anchors; with require_trusted=True an
unknown certificate makes the document invalid.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from desktop.core.errors import TrameError
from desktop.core.pv.xmpnames import TRAME_NS
from desktop.core.seal.certs import fingerprint, issuer_path


class Unreadable(TrameError):
    exit_code = 2


@dataclass
class SealReport:
    field: str
    signer: str
    claimed_time: datetime | None
    fingerprint: str
    intact: bool
    valid: bool
    trusted: bool
    self_signed: bool
    covers_whole_file: bool
    modification: str  # pyHanko's modification level name
    docmdp: str  # "aucune modification", "remplissage et sceaux", …
    problem: str = ""
    issuer: str = ""  # common name (or full name) of the certificate's issuer
    trust_label: str = ""  # who vouches, from the trust list; "" when unknown
    trust_direct: bool = False  # the signer's own certificate is listed (not an issuer)
    trust_source: str = ""  # the signed list (--trust) the label comes from; "" local list
    #: French « Attention : … » lines for a signer, issuer or label that may imitate another
    #: name (mixed alphabets, compatibility forms, invisible characters: seal.confusable)
    name_warnings: list[str] = field(default_factory=list)
    look_alike: bool = False  # one of them mixes alphabets or hides characters

    @property
    def recognized(self) -> bool:
        return bool(self.trust_label)


@dataclass
class VerifyReport:
    valid: bool
    reason: str
    seals: list[SealReport] = field(default_factory=list)
    properties: dict[str, str] = field(default_factory=dict)
    pdfa: str = ""  # "2B" when declared
    recording_checked: bool | None = None  # None: no recording given
    problems: list[str] = field(default_factory=list)

    @property
    def document_id(self) -> str:
        return self.properties.get("documentId", "")

    @property
    def recording_sha256(self) -> str:
        return self.properties.get("recordingSha256", "")


DOCMDP_LABELS = {
    1: "aucune modification permise",
    2: "remplissage de formulaire et sceaux permis",
    3: "annotations permises",
}


def trame_properties(reader) -> dict[str, str]:
    """Trame's XMP properties (documentId, recordingSha256, …) of the file's current state."""
    try:
        meta = reader.root["/Metadata"].get_object()
        data = meta.data if hasattr(meta, "data") else meta.get_data()
    except (KeyError, AttributeError, ValueError, TypeError):
        return {}
    try:
        root = ET.fromstring(data.decode("utf-8", "replace").strip("\x00").strip())
    except ET.ParseError:
        # an xpacket wrapper with leading processing instructions parses fine; junk does not
        return {}
    ns = "{" + TRAME_NS + "}"
    props: dict[str, str] = {}
    for elem in root.iter():
        for key, value in elem.attrib.items():
            if key.startswith(ns):
                props[key[len(ns) :]] = value
        if isinstance(elem.tag, str) and elem.tag.startswith(ns):
            props[elem.tag[len(ns) :]] = (elem.text or "").strip()
    return props


def pdfa_status(reader) -> str:
    try:
        meta = reader.root["/Metadata"].get_object()
        data = meta.data.decode("utf-8", "replace")
        root = ET.fromstring(data.strip("\x00").strip())
    except (KeyError, AttributeError, ValueError, TypeError, ET.ParseError):
        return ""
    ns = "{http://www.aiim.org/pdfa/ns/id/}"
    part = conf = ""
    for elem in root.iter():
        for key, value in elem.attrib.items():
            if key == ns + "part":
                part = value
            if key == ns + "conformance":
                conf = value
        if elem.tag == ns + "part":
            part = (elem.text or "").strip()
        if elem.tag == ns + "conformance":
            conf = (elem.text or "").strip()
    return f"{part}{conf}"


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    try:
        # a FIFO would block open() forever and /dev/zero never ends: regular files only
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise Unreadable(
                f"Enregistrement illisible : « {path} » n'est pas un fichier ordinaire."
            )
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    except OSError as exc:
        raise Unreadable(f"Enregistrement illisible : « {path} » ({exc.strerror}).") from None
    return h.hexdigest()


def _open(data: bytes):
    from pyhanko.pdf_utils.reader import PdfFileReader

    if not data.lstrip()[:5].startswith(b"%PDF-"):
        raise Unreadable("Ce fichier n'est pas un PDF.")
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        _ = reader.root
        return reader
    except Exception as exc:  # noqa: BLE001 - pyHanko's parser also asserts (AssertionError)
        raise Unreadable(f"PDF illisible ou tronqué ({type(exc).__name__}).") from None


def _seal_report(emb, status, is_last: bool) -> SealReport:
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    from desktop.core.seal.trust import visible  # a CN may carry a bidi override too

    cert = emb.signer_cert
    cert_der = cert.dump()
    claimed = status.signer_reported_dt if status else emb.self_reported_timestamp
    subject = cert.subject.native.get("common_name") or cert.subject.human_friendly
    issuer = cert.issuer.native.get("common_name") or cert.issuer.human_friendly
    docmdp = emb.docmdp_level
    coverage = getattr(status, "coverage", None)
    mod = getattr(status, "modification_level", None)
    from desktop.core.seal.confusable import deceptive, warning_line

    warnings = [
        warning_line("le nom du signataire", str(subject)),
        warning_line("le nom de l'émetteur", str(issuer)) if issuer != subject else "",
    ]
    return SealReport(
        name_warnings=[x for x in warnings if x],
        look_alike=deceptive(str(subject)) or deceptive(str(issuer)),
        field=str(emb.field_name),
        signer=visible(str(subject)),
        claimed_time=claimed,
        fingerprint=fingerprint(cert_der),
        intact=bool(status and status.intact),
        valid=bool(status and status.valid),
        trusted=bool(status and status.trusted),
        self_signed=cert.self_signed in ("yes", "maybe"),
        covers_whole_file=coverage == SignatureCoverageLevel.ENTIRE_FILE,
        modification=mod.name if mod is not None else "",
        docmdp=DOCMDP_LABELS.get(docmdp.value, str(docmdp)) if docmdp is not None else "",
        issuer=visible(str(issuer)),
    )


def _identify(seal: SealReport, emb, trust) -> None:
    """Fill who vouches for the seal from the trust list (never from the PDF's own CAs)."""
    try:
        carried = [c.chosen.dump() for c in emb.signed_data["certificates"]]
        match = trust.identify(emb.signer_cert.dump(), carried, seal.claimed_time)
    except Exception:  # noqa: BLE001 - a damaged certificate list: nobody vouches
        match = None
    if match is not None:
        seal.trust_label = match.entry.label
        seal.trust_direct = match.direct
        seal.trust_source = match.source
        seal.trusted = True
        from desktop.core.seal.confusable import deceptive, warning_line

        flagged = warning_line("le libellé de la liste de confiance", match.entry.label)
        if flagged:
            seal.name_warnings.append(flagged)
            seal.look_alike = seal.look_alike or deceptive(match.entry.label)


def _canonical_contents(data: bytes, emb) -> bool:
    """The unsigned hole of a seal holds exactly `<HEX>`: the CMS, then zeros, in one case.

    No digest covers /Contents. A changed zero of its padding, a hex letter switched to the
    other case or a space slipped in leaves the CMS as it was, so pyHanko still calls the
    seal intact; yet the file is no longer the one that was sealed (its SHA-256 changed,
    and the padding could carry anything)."""
    from asn1crypto import parser

    try:
        _, len1, start2, _ = (int(x) for x in emb.byte_range)
        raw = bytes(emb.pkcs7_content)
        _, _, _, header, content, trailer = parser.parse(raw, strict=False)
    except (TypeError, ValueError):
        return False
    used = len(header) + len(content) + len(trailer)
    if raw[used:].strip(b"\x00"):
        return False
    gap = data[len1:start2]
    hexed = raw.hex().encode("ascii")
    return gap in (b"<" + hexed + b">", b"<" + hexed.upper() + b">")


def _cms_problem(emb) -> str:
    """The parts of a seal's CMS that its signature does not cover, as Trame writes them.

    The certificate list, the version numbers, the digest algorithm list, the signer's
    identifier (matched without regard to case) and unsigned attributes can be changed
    without breaking the signature: a changed byte there must still make the seal invalid.
    """
    try:
        return _cms_shape(emb.signed_data, emb.signer_info, emb.signer_cert)
    except Exception:  # noqa: BLE001 - asn1crypto parses lazily: damage shows on access
        return "structure de la signature endommagée"


def _cms_shape(sd, si, signer) -> str:
    sid = si["sid"]
    if sd["version"].native != "v1" or si["version"].native != "v1":
        return "numéro de version de la signature modifié"
    if len(sd["signer_infos"]) != 1:
        return "plusieurs signataires dans un même sceau"
    if [a.dump() for a in sd["digest_algorithms"]] != [si["digest_algorithm"].dump()]:
        return "liste des algorithmes d'empreinte modifiée"
    if si["digest_algorithm"]["parameters"].native is not None:
        return "paramètres de l'algorithme d'empreinte modifiés"
    eci = sd["encap_content_info"]
    if eci["content_type"].native != "data" or eci["content"].native is not None:
        return "type de contenu signé modifié"
    if (
        sid.name != "issuer_and_serial_number"
        or sid.chosen["issuer"].dump() != signer.issuer.dump()
        or sid.chosen["serial_number"].native != signer.serial_number
    ):
        return "identifiant du signataire modifié"
    if sd["crls"].native is not None or si["unsigned_attrs"].native is not None:
        return "données non signées ajoutées au sceau"
    ders = []
    for choice in sd["certificates"]:
        if choice.name != "certificate":
            return "élément inattendu dans la liste des certificats"
        ders.append(choice.chosen.dump())
    # the signer's certificate (seals made before 77f8778 carry it twice) and the ones that
    # issued it, each link checked; any other certificate was added or changed
    allowed = {signer.dump(), *issuer_path(signer.dump(), ders)}
    if any(der not in allowed for der in ders):
        return "certificat étranger ou modifié joint au sceau"
    return ""


def _unreadable_seal(emb, last: bool) -> SealReport:
    """What can still be said of a seal whose structure does not parse."""
    try:
        return _seal_report(emb, None, last)
    except Exception:  # noqa: BLE001 - the certificate or the date may be what is damaged
        return SealReport(
            field=str(getattr(emb, "field_name", "?")),
            signer="illisible",
            claimed_time=None,
            fingerprint="",
            intact=False,
            valid=False,
            trusted=False,
            self_signed=False,
            covers_whole_file=False,
            modification="",
            docmdp="",
        )


def _validate(emb):
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko_certvalidator import ValidationContext

    # The signer's own certificate is the only root given to pyHanko: it checks that the
    # signature is mathematically sound; who the signer is comes from the trust list only.
    roots = [emb.signer_cert]
    vc = ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")
    usage = KeyUsageConstraints(
        key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False
    )
    try:
        return validate_pdf_signature(
            emb, signer_validation_context=vc, key_usage_settings=usage
        ), True
    except PdfError:
        # pyHanko's difference analysis could not read what follows the seal: check the
        # seal itself; the caller treats the later revisions as not allowed.
        vc = ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")
        status = validate_pdf_signature(
            emb, signer_validation_context=vc, key_usage_settings=usage, skip_diff=True
        )
        return status, False


def verify_pdf(
    data: bytes,
    recording: Path | None = None,
    recording_sha256: str | None = None,
    require_complete: bool = True,
    trust=None,
    require_trusted: bool = False,
) -> VerifyReport:
    """Check a sealed PDF; every finding is in the VerifyReport (valid, reason, seals).

    `trust`: a desktop.core.seal.trust.TrustList (default: this installation's list).
    `require_trusted`: an unknown certificate makes the report invalid.

    :raises Unreadable: the file cannot be parsed at all."""
    from pyhanko.sign.fields import MDPPerm, enumerate_sig_fields

    # Reading the XMP through a reader changes its object cache in a way that breaks
    # pyHanko's difference analysis: use a separate reader for the metadata.
    meta_reader = _open(data)
    try:
        props = trame_properties(meta_reader)
        pdfa = pdfa_status(meta_reader)
    except Exception as exc:  # noqa: BLE001 - objects are read lazily: damage shows here
        raise Unreadable(f"PDF illisible ou endommagé ({type(exc).__name__}).") from None
    report = VerifyReport(valid=False, reason="", properties=props, pdfa=pdfa)
    reader = _open(data)
    try:
        sigs = list(reader.embedded_signatures)
        planned = [(n, v is not None) for n, v, _ in enumerate_sig_fields(reader)]
    except Exception as exc:  # noqa: BLE001 - any parse error in the signature structures
        raise Unreadable(f"Structure de signature illisible ({type(exc).__name__}).") from None

    if trust is None:
        from desktop.core.seal.trust import TrustList

        trust = TrustList.local()
    problems: list[str] = []
    unsigned = [name for name, signed in planned if not signed]
    if not props.get("documentId"):
        problems.append(
            "Ce PDF n'a pas été produit par Trame (métadonnées Trame absentes) : "
            "il ne peut pas être vérifié ici."
        )
    if not sigs:
        problems.append("Ce PDF ne porte aucun sceau d'intégrité.")

    for index, emb in enumerate(sigs, start=1):
        last = index == len(sigs)
        try:
            status, diff_ok = _validate(emb)
        except Exception as exc:  # noqa: BLE001 - a damaged CMS fails anywhere in pyHanko
            status = None
            seal = _unreadable_seal(emb, last)
            seal.problem = f"sceau illisible ({type(exc).__name__})"
            report.seals.append(seal)
            problems.append(f"Le sceau n°{index} ({seal.field}) est illisible.")
            continue
        seal = _seal_report(emb, status, last)
        seal.trusted = False
        _identify(seal, emb, trust)
        report.seals.append(seal)
        label = f"Le sceau n°{index} (« {seal.field} », {seal.signer})"
        if not seal.intact:
            seal.problem = "empreinte différente"
            problems.append(
                f"{label} ne correspond plus au contenu : le document a été modifié après "
                "son apposition."
            )
            continue
        if not seal.valid:
            seal.problem = "signature invalide"
            problems.append(f"{label} porte une signature cryptographique invalide.")
            continue
        altered = _cms_problem(emb) or (
            "" if _canonical_contents(data, emb) else "octets réservés au sceau modifiés"
        )
        if altered:
            seal.problem = altered
            problems.append(
                f"{label} : des octets que la signature ne couvre pas ont été modifiés "
                f"({altered}) ; le fichier n'est plus exactement celui qui a été scellé."
            )
            continue
        cert = emb.signer_cert
        claimed = seal.claimed_time
        if claimed is not None:
            nb = cert["tbs_certificate"]["validity"]["not_before"].native
            na = cert["tbs_certificate"]["validity"]["not_after"].native
            if not (nb <= claimed <= na):
                seal.problem = "certificat hors validité"
                problems.append(
                    f"{label} a été apposé le {claimed:%d/%m/%Y} avec un certificat valable du "
                    f"{nb:%d/%m/%Y} au {na:%d/%m/%Y}."
                )
        if last:
            if not seal.covers_whole_file:
                seal.problem = "modifié après le sceau"
                problems.append(
                    "Des données ont été ajoutées au fichier après le dernier sceau "
                    "(mise à jour incrémentale non couverte) : le document n'est plus celui "
                    "qui a été scellé."
                )
            if emb.docmdp_level != MDPPerm.NO_CHANGES and not unsigned:
                problems.append(
                    "Le dernier sceau n'interdit pas les modifications ultérieures : ce document "
                    "n'a pas été clos par Trame."
                )
        else:
            docmdp_ok = getattr(status, "docmdp_ok", None)
            from pyhanko.sign.diff_analysis import ModificationLevel

            mod = getattr(status, "modification_level", None)
            if (
                not diff_ok
                or docmdp_ok is False
                or (mod is not None and mod > ModificationLevel.FORM_FILLING)
            ):
                seal.problem = "modifications non permises ensuite"
                problems.append(
                    f"Après {label[3:]}, le document a subi des modifications que ce sceau "
                    "n'autorise pas."
                )

    if require_trusted:
        for index, seal in enumerate(report.seals, start=1):
            if not seal.recognized:
                problems.append(
                    f"Le certificat du sceau n°{index} ({seal.signer}) n'est pas sur la liste "
                    "de confiance : l'identité de l'auteur n'est pas établie."
                )
            elif seal.look_alike:
                problems.append(
                    f"Le nom ou le libellé du sceau n°{index} peut imiter un autre nom (liste "
                    "de confiance) : l'identité de l'auteur n'est pas établie sans ambiguïté."
                )

    if require_complete and sigs and unsigned:
        problems.append(
            "Le document n'est pas clos : le sceau prévu « "
            + " », « ".join(unsigned)
            + " » n'a pas été apposé (ou a été retiré)."
        )

    expected = (recording_sha256 or "").lower() or None
    if recording is not None:
        expected = sha256_file(Path(recording))
    if expected is not None:
        recorded = props.get("recordingSha256", "").lower()
        if not recorded:
            report.recording_checked = False
            problems.append(
                "Le PV ne consigne aucune empreinte d'enregistrement : l'enregistrement fourni "
                "ne peut pas lui être rattaché."
            )
        elif recorded != expected:
            report.recording_checked = False
            problems.append(
                "L'enregistrement fourni ne correspond pas à l'empreinte SHA-256 consignée dans "
                "le PV."
            )
        else:
            report.recording_checked = True

    if problems:
        report.valid = False
        report.reason = problems[0]
        report.problems = problems
    else:
        report.valid = True
        n = len(sigs)
        report.reason = (
            f"{n} sceau{'x' if n > 1 else ''} intact{'s' if n > 1 else ''} ; le dernier couvre "
            "la totalité du fichier et interdit toute modification ultérieure."
        )
        if report.recording_checked:
            report.reason += " L'enregistrement correspond à l'empreinte consignée."
    return report
