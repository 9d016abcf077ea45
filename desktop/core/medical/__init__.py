"""UAPED / UMJ medical checklists, Qt-free.

- `facts`, `windows`, `catalog.yaml`: time windows counted from the facts (TPE, emergency
  contraception, samples, toxicology) and the alerts they give at an injected `now`;
- `lesions`, `bodymap`, `drawing`: lesions on the body diagram and its vector export;
- `samples`, `labels`: numbered samples and their labels for the scellés;
- `exam`, `itt`, `consent`: exam date checks, ITT in words, the minor's opposition
  (L.1111-5 / R.1111-6) and what is printed for whom;
- `findings`, `saisine`: the shareable findings and who may receive the certificate; the CMI,
  its transmission and the other sealed documents are the doctors' use cases
  (desktop.core.documents.medical).

Medical data never goes to logs: only ids (desktop.core.logging.log_event).
"""
