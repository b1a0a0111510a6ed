@{
    RootModule           = 'Stm32Flash.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = 'd3705b75-2a52-4aa9-b99f-1972e9a2df3e'
    Author               = 'Stm32Flash contributors'
    CompanyName          = 'Stm32Flash'
    Copyright            = '(c) Stm32Flash contributors. MIT licence.'
    Description          = 'Read firmware images (Intel HEX, S-record, ELF, binary, DfuSe) as segment objects and write them to STM32 microcontrollers through a simulator, the USART bootloader or ST''s CubeProgrammer_API, with a flash plan you can inspect first.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    RequiredAssemblies   = @('Stm32Flash.Core.dll')
    FormatsToProcess     = @('Stm32Flash.format.ps1xml')
    TypesToProcess       = @('Stm32Flash.types.ps1xml')
    CmdletsToExport      = @(
        'Get-Stm32Device'
        'Add-Stm32Device'
        'Connect-Stm32'
        'Disconnect-Stm32'
        'Write-Stm32Memory'
        'Test-Stm32Memory'
        'Read-Stm32Memory'
        'Clear-Stm32Memory'
        'Reset-Stm32'
        'Start-Stm32'
        'Get-Stm32OptionByte'
        'Set-Stm32OptionByte'
        'Protect-Stm32'
        'Unprotect-Stm32'
        'Get-Stm32FlashPlan'
        'Start-Stm32Simulator'
        'Stop-Stm32Simulator'
        'Get-Stm32Probe'
        'Get-HexSegment'
        'New-HexSegment'
        'Export-HexSegment'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('STM32', 'Flash', 'Bootloader', 'IntelHex', 'SRecord', 'ELF', 'DFU', 'Embedded', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            ReleaseNotes = 'First release: image files as segment objects (Intel HEX, S-record, ELF, binary, DfuSe), device catalog, flash plans; the simulator, the USART bootloader and ST''s CubeProgrammer_API as targets; views, completion and help.'
        }
    }
}
