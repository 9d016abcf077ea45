; Inno Setup 6 script: Trame for Windows 10/11 x64, installed per machine.
; Build on Windows (see installer/README.md):
;   1. pyinstaller --noconfirm --distpath dist --workpath build\pyinstaller installer\trame.spec
;   2. "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 installer\windows\trame.iss
;   (installer\windows\build.ps1 does both and reads the version from desktop\__init__.py)
; Output: dist\trame-<version>-windows-x64-setup.exe
;
; Data: the encrypted vault lives in each user's %LOCALAPPDATA%\Trame (platformdirs), never
; under {app}. This script never names that folder in [InstallDelete] or [UninstallDelete]:
; upgrades and uninstalls leave it alone. NOT TESTED: written without a Windows machine.

#ifndef AppVersion
  #error Give the version: ISCC /DAppVersion=x.y.z installer\windows\trame.iss
#endif

#define AppName "Trame"
#define AppExe "Trame.exe"
#define CliExe "trame-cli.exe"
#define Root "..\.."

[Setup]
; Never change AppId: upgrades find the installed version through it.
AppId={{363612D7-F8A0-494F-B070-5E85EA7B1A29}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Trame
AppComments=Audition des mineurs victimes, coffre chiffré, procès-verbaux scellés
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per machine: Program Files and the common start menu; needs an administrator.
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
SetupIconFile={#Root}\resources\icons\trame.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
OutputDir={#Root}\dist
OutputBaseFilename=trame-{#AppVersion}-windows-x64-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; A running Trame is asked to close before its files are replaced.
CloseApplications=yes
RestartApplications=no
; Upgrading over an installed version: same folder, no questions.
UsePreviousAppDir=yes
DirExistsWarning=no

[Languages]
Name: "french"; MessagesFile: "compiler:Languages\French.isl"

[Tasks]
Name: "desktopicon"; Description: "Créer une icône sur le Bureau"; GroupDescription: "Raccourcis :"; Flags: unchecked

[InstallDelete]
; Remove the previous version's program files (stale modules) before copying the new ones.
; Only {app}: the users' data folders are elsewhere and untouched.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Root}\dist\trame\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "{#Root}\resources\icons\trame.ico"; DestDir: "{app}"; Flags: ignoreversion

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; IconFilename: "{app}\trame.ico"; Comment: "Audition des mineurs victimes, PV scellés"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; IconFilename: "{app}\trame.ico"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "Lancer Trame"; Flags: nowait postinstall skipifsilent runasoriginaluser

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usPostUninstall then
    SuppressibleMsgBox(
      'Trame est désinstallé.' + #13#10 + #13#10 +
      'Les données de chaque utilisateur (coffre chiffré, sauvegardes) sont conservées ' +
      'dans son dossier %LOCALAPPDATA%\Trame. Ne les supprimez qu''une fois les dossiers ' +
      'archivés.', mbInformation, MB_OK, IDOK);
end;
