# Builds the Windows installer: PyInstaller bundle, then Inno Setup.
# Run from the repository root in PowerShell, with Python 3.11 x64 and Inno Setup 6 installed:
#   py -3.11 -m venv .venv
#   .venv\Scripts\python -m pip install -e ".[dist]"
#   powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1
# NOT TESTED: written without a Windows machine (see installer/README.md).
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")

$py = ".venv\Scripts\python.exe"
& $py -c "import PyInstaller" 2>$null
if ($LASTEXITCODE -ne 0) { & $py -m pip install -q -e ".[dist]" }

$version = (Select-String -Path "desktop\__init__.py" -Pattern '__version__\s*=\s*"([^"]+)"').Matches[0].Groups[1].Value

& $py -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build\pyinstaller installer\trame.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller a échoué" }

# The bundle must start without the virtual environment before it is packaged.
& dist\trame\trame-cli.exe --version
if ($LASTEXITCODE -ne 0) { throw "le paquet ne démarre pas" }

$iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe"
if (-not (Test-Path $iscc)) { $iscc = "ISCC.exe" }
& $iscc "/DAppVersion=$version" installer\windows\trame.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup a échoué" }
Write-Host "Installateur : dist\trame-$version-windows-x64-setup.exe"
