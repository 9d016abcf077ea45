"""The doctors' use cases: documents built from a UMJ record and sealed (Qt-free).

- `cmi`: the certificat médical initial, worded from the shareable findings, signed by the doctor;
- `transmit`: the doctor's explicit transmission of the CMI to the case (on réquisition);
- `bordereau`: the bordereau de remise of the samples and scellés;
- `handover`: without réquisition, the CMI handed to the minor and the signalement au procureur.

The medical data and its rules stay in desktop.core.medical (lower layer); these modules compose
them with the PV engine (desktop.core.pv) and the seal (desktop.core.seal).
"""
