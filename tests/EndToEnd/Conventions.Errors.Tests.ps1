# The module's errors in a real pwsh, as the "Errors" subtopic of about_Stm32Flash documents them: every error ID in
# its table is raised by a script below, terminating or not as the topic says, with the module's
# FullyQualifiedErrorId, caught by the exception type the topic names, and shown nowhere with -ErrorAction
# SilentlyContinue (-ErrorVariable then holds the ErrorRecord itself). Then the messages: a file where an address
# goes, planning without a session, a Windows -ApiPath elsewhere, no C# names, and -Pad's accepted values.

BeforeDiscovery {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1'))
    $sim = '$null = Connect-Stm32 -Simulator STM32L552'
    function Faulty([string] $Kind, [int] $At = 1, [int] $Count = 1000) {
        "`$null = Connect-Stm32 -Simulator STM32L552 -SimulatorOptions ([Stm32Flash.Targets.Simulation.SimulatorOptions]::new().WithFault($At, '$Kind', $Count))"
    }
    $segments = '(Get-HexSegment $t/tiny.hex)'
    $noPort = if ($IsWindows) { 'COM249' } else { '/dev/stm32flash-no-such-port' }

    # Each script raises the error ID in the cmdlet named; @p (the common parameters under test) goes on that cmdlet.
    $triggers = @(
        @{ Id = 'NoSession'; Cmdlet = 'Read-Stm32Memory'; Script = 'Read-Stm32Memory 0x08000000 16 @p' }
        @{ Id = 'NoSession'; Cmdlet = 'Write-Stm32Memory'; Script = "$segments | Write-Stm32Memory @p" }
        @{ Id = 'NoSession'; Cmdlet = 'Disconnect-Stm32'; Script = 'Disconnect-Stm32 @p' }
        @{ Id = 'SessionClosed'; Cmdlet = 'Read-Stm32Memory'; Script = '$s = Connect-Stm32 -Simulator STM32L552; Disconnect-Stm32; Read-Stm32Memory 0x08000000 16 -Session $s @p' }
        @{ Id = 'DeviceNotFound'; Cmdlet = 'Connect-Stm32'; Script = 'Connect-Stm32 -Simulator STM32X999 @p' }
        @{ Id = 'DeviceNotFound'; Cmdlet = 'Get-Stm32Device'; Script = 'Get-Stm32Device STM32X999 @p' }
        @{ Id = 'DeviceNotFound'; Cmdlet = 'Get-Stm32FlashPlan'; Script = "$segments | Get-Stm32FlashPlan -Device STM32X999 @p" }
        @{ Id = 'InterfaceNotOffered'; Cmdlet = 'Get-Stm32FlashPlan'; Script = "$segments | Get-Stm32FlashPlan -Device STM32C011 -Interface Can @p" }
        @{ Id = 'DeviceDefinitionInvalid'; Cmdlet = 'Connect-Stm32'; Script = 'Connect-Stm32 -Simulator STM32L552 -DeviceDefinition $t/bad-device.json @p' }
        @{ Id = 'DeviceDefinitionInvalid'; Cmdlet = 'Add-Stm32Device'; Script = 'Add-Stm32Device $t/bad-device.json @p' }
        @{ Id = 'DeviceDefinitionUnreadable'; Cmdlet = 'Add-Stm32Device'; Script = 'Add-Stm32Device $t/missing.json @p' }
        @{ Id = 'DeviceDefinitionUnreadable'; Cmdlet = 'Connect-Stm32'; Script = 'Connect-Stm32 -Simulator STM32L552 -DeviceDefinition $t/missing.json @p' }
        @{ Id = 'SimulatedChipInvalid'; Cmdlet = 'Connect-Stm32'; Script = 'Connect-Stm32 -Simulator STM32L552 -OptionBit @{ DBANK = 2 } @p' }
        @{ Id = 'InvalidSimulatorOptions'; Cmdlet = 'Start-Stm32Simulator'; Script = '$o = [Stm32Flash.Targets.Simulation.SimulatorOptions]::new(); $o.BytesPerSecond = 100; Start-Stm32Simulator STM32L552 $t/pty -SimulatorOptions $o @p' }
        @{ Id = 'AddressRefused'; Cmdlet = 'Write-Stm32Memory'; Script = "$sim; Write-Stm32Memory 0x50000000 ([byte[]](1, 2, 3, 4)) @p" }
        @{ Id = 'AddressRefused'; Cmdlet = 'Write-Stm32Memory'; Script = "$sim; Write-Stm32Memory 0xFFFFFFFE ([byte[]](1, 2, 3, 4)) @p" }
        @{ Id = 'AddressRefused'; Cmdlet = 'Read-Stm32Memory'; Script = "$sim; Read-Stm32Memory 0xFFFFFFF0 0x100 @p" }
        @{ Id = 'AddressRefused'; Cmdlet = 'Read-Stm32Memory'; Script = "$sim; Read-Stm32Memory 0x50000000 16 @p" }
        @{ Id = 'AddressRefused'; Cmdlet = 'Clear-Stm32Memory'; Script = "$sim; Clear-Stm32Memory 0x50000000 16 -Confirm:`$false @p" }
        @{ Id = 'AddressRefused'; Cmdlet = 'Test-Stm32Memory'; Script = "$sim; Get-HexSegment `$t/raw.bin -Address 0x50000000 | Test-Stm32Memory @p" }
        @{ Id = 'ReservedRam'; Cmdlet = 'Write-Stm32Memory'; Script = "$sim; Write-Stm32Memory 0x20000000 ([byte[]](1, 2, 3, 4)) @p" }
        @{ Id = 'OptionBytesNotWritten'; Cmdlet = 'Write-Stm32Memory'; Script = "$sim; Write-Stm32Memory 0x40022040 ([byte[]](1, 2, 3, 4)) @p" }
        @{ Id = 'SystemMemoryReadOnly'; Cmdlet = 'Get-Stm32FlashPlan'; Script = 'Get-HexSegment $t/raw.bin -Address 0x0BF90000 | Get-Stm32FlashPlan -Device STM32L552 @p' }
        @{ Id = 'SegmentOverlap'; Cmdlet = 'Write-Stm32Memory'; Script = "$sim; Get-HexSegment `$t/one.hex, `$t/other.hex | Write-Stm32Memory @p" }
        @{ Id = 'PadBelowUnit'; Cmdlet = 'Write-Stm32Memory'; Script = "$sim; $segments | Write-Stm32Memory -Pad 2 @p" }
        @{ Id = 'InvalidFlashOptions'; Cmdlet = 'Get-Stm32FlashPlan'; Script = "$segments | Get-Stm32FlashPlan -Device STM32L552 -PreserveUnwritten -SkipErase @p" }
        @{ Id = 'VerifyMismatch'; Cmdlet = 'Write-Stm32Memory'; Script = "$(Faulty Corrupt 2 1); $segments | Write-Stm32Memory -Verify @p" }
        @{ Id = 'DeviceRefused'; Cmdlet = 'Write-Stm32Memory'; Script = "$(Faulty Nack); $segments | Write-Stm32Memory @p" }
        @{ Id = 'DeviceRefused'; Cmdlet = 'Read-Stm32Memory'; Script = "$(Faulty Nack); Read-Stm32Memory 0x08000000 16 @p" }
        @{ Id = 'DeviceRefused'; Cmdlet = 'Test-Stm32Memory'; Script = "$(Faulty Nack); $segments | Test-Stm32Memory @p" }
        @{ Id = 'DeviceRefused'; Cmdlet = 'Clear-Stm32Memory'; Script = "$(Faulty Nack); Clear-Stm32Memory -Page 0 -Confirm:`$false @p" }
        @{ Id = 'DeviceBusy'; Cmdlet = 'Read-Stm32Memory'; Script = "$(Faulty Busy); Read-Stm32Memory 0x08000000 16 @p" }
        @{ Id = 'DeviceBusy'; Cmdlet = 'Reset-Stm32'; Script = "$(Faulty Busy); Reset-Stm32 -Confirm:`$false @p" }
        @{ Id = 'DeviceTimeout'; Cmdlet = 'Read-Stm32Memory'; Script = "$(Faulty Drop); Read-Stm32Memory 0x08000000 16 @p" }
        @{ Id = 'DeviceTimeout'; Cmdlet = 'Start-Stm32'; Script = "$(Faulty Drop); Start-Stm32 -Confirm:`$false @p" }
        @{ Id = 'DeviceDisconnected'; Cmdlet = 'Test-Stm32Memory'; Script = "$(Faulty Disconnect); $segments | Test-Stm32Memory @p" }
        @{ Id = 'FlashRuleViolation'; Cmdlet = 'Write-Stm32Memory'; Script = "$sim; $segments | Write-Stm32Memory; $segments | Write-Stm32Memory -SkipErase @p" }
        @{ Id = 'ReadoutProtected'; Cmdlet = 'Read-Stm32Memory'; Script = '$s = Connect-Stm32 -Simulator STM32L552; $s.GetTarget().ReadoutProtect(); Read-Stm32Memory 0x08000000 16 @p' }
        @{ Id = 'WriteProtected'; Cmdlet = 'Write-Stm32Memory'; Script = "`$s = Connect-Stm32 -Simulator STM32L552; `$s.GetTarget().WriteProtect([int[]]@(0)); $segments | Write-Stm32Memory @p" }
        @{ Id = 'ProtocolError'; Cmdlet = 'Write-Stm32Memory'; Script = "$(Faulty Corrupt); $segments | Write-Stm32Memory -Verify @p" }
        @{ Id = 'NoSuchBank'; Cmdlet = 'Clear-Stm32Memory'; Script = 'Connect-Stm32 -Simulator STM32L552 -OptionBit @{ DBANK = 0 } | Out-Null; Clear-Stm32Memory -Bank 2 -Confirm:$false @p' }
        @{ Id = 'NoSuchPage'; Cmdlet = 'Clear-Stm32Memory'; Script = "$sim; Clear-Stm32Memory -Page 99999 -Confirm:`$false @p" }
        @{ Id = 'LibUsbNotFound'; Cmdlet = 'Connect-Stm32'; Script = 'Connect-Stm32 -Usb -LibUsbPath $t/no-such-libusb.so @p' }
        @{ Id = 'PortRequired'; Cmdlet = 'Connect-Stm32'; Script = 'Connect-Stm32 -Interface UART -BaudRate 115200 @p' }
        @{ Id = 'I2cAddressRequired'; Cmdlet = 'Connect-Stm32'; Script = 'Connect-Stm32 -Interface I2C -I2cSpeed 400 @p' }
        @{ Id = 'ParameterNotForInterface'; Cmdlet = 'Connect-Stm32'; Script = 'Connect-Stm32 -Interface SWD -I2cAddress 0x4A @p' }
        @{ Id = 'InvalidConnectOption'; Cmdlet = 'Connect-Stm32'; Script = 'Connect-Stm32 -Interface I2C -I2cAddress 0x4A -I2cSpeedMode Fast -RiseTime 1000 @p' }
        @{ Id = 'ReadoutUnprotectRefused'; Cmdlet = 'Connect-Stm32'; Script = '$o = [Stm32Flash.Targets.CubeProgrammer.UsartConnectOptions]::new(); $o.PortName = "COM3"; $o.ReadoutUnprotect = $true; Connect-Stm32 -ConnectOptions $o @p' }
        @{ Id = 'InvalidParity'; Cmdlet = 'Connect-Stm32'; Script = "Connect-Stm32 -Port $noPort -Parity Odd @p" }
        @{ Id = 'PortOpenFailed'; Cmdlet = 'Connect-Stm32'; Script = "Connect-Stm32 -Port $noPort @p" }
        @{ Id = 'CubeProgrammerNotFound'; Cmdlet = 'Connect-Stm32'; Script = 'Connect-Stm32 -Interface SWD -ApiPath $t/no-such-folder @p' }
        @{ Id = 'CubeProgrammerNotFound'; Cmdlet = 'Get-Stm32Probe'; Script = 'Get-Stm32Probe -ApiPath $t/no-such-folder @p' }
        @{ Id = 'CubeProgrammerLoadFailed'; Cmdlet = 'Connect-Stm32'; Script = 'Connect-Stm32 -Interface SWD -ApiPath $t/garbage/libCubeProgrammer_API.so @p' }
        @{ Id = 'FileNotFound'; Cmdlet = 'Get-HexSegment'; Script = 'Get-HexSegment $t/missing.hex @p' }
        @{ Id = 'PathIsFolder'; Cmdlet = 'Get-HexSegment'; Script = 'Get-HexSegment -LiteralPath $t/folder @p' }
        @{ Id = 'NotAFileSystemPath'; Cmdlet = 'Get-HexSegment'; Script = 'Get-HexSegment -LiteralPath Env:PATH @p' }
        @{ Id = 'AddressRequired'; Cmdlet = 'Get-HexSegment'; Script = 'Get-HexSegment $t/raw.bin @p' }
        @{ Id = 'InvalidImage'; Cmdlet = 'Get-HexSegment'; Script = 'Get-HexSegment $t/bad.hex @p' }
        @{ Id = 'ImageOverlapConflict'; Cmdlet = 'Get-HexSegment'; Script = 'Get-HexSegment $t/overlap.hex @p' }
        @{ Id = 'ImageReadFailed'; Cmdlet = 'Get-HexSegment'; Script = 'Get-HexSegment -LiteralPath /proc/self/mem @p'; Skip = -not $IsLinux }
        @{ Id = 'PathNotFound'; Cmdlet = 'Export-HexSegment'; Script = "$segments | Export-HexSegment NoSuchDrive:/x.hex @p" }
        @{ Id = 'PathAmbiguous'; Cmdlet = 'Export-HexSegment'; Script = "$segments | Export-HexSegment `$t/amb*.hex @p" }
        @{ Id = 'PathIsFolder'; Cmdlet = 'Export-HexSegment'; Script = "$segments | Export-HexSegment `$t/folder @p" }
        @{ Id = 'NotAFileSystemPath'; Cmdlet = 'Export-HexSegment'; Script = "$segments | Export-HexSegment -LiteralPath Env:stm32flash @p" }
        @{ Id = 'FolderNotFound'; Cmdlet = 'Export-HexSegment'; Script = "$segments | Export-HexSegment `$t/no-folder/x.hex @p" }
        @{ Id = 'FormatUnknown'; Cmdlet = 'Export-HexSegment'; Script = "$segments | Export-HexSegment `$t/out.xyz @p" }
        @{ Id = 'FileExists'; Cmdlet = 'Export-HexSegment'; Script = "$segments | Export-HexSegment `$t/exists.hex -NoClobber @p" }
        @{ Id = 'FileReadOnly'; Cmdlet = 'Export-HexSegment'; Script = "$segments | Export-HexSegment `$t/readonly.hex @p" }
        @{ Id = 'BinaryTooLarge'; Cmdlet = 'Export-HexSegment'; Script = '(New-HexSegment 0x08000000 -UInt32 1), (New-HexSegment 0x20010000 -UInt32 2) | Export-HexSegment $t/far.bin @p' }
        @{ Id = 'SegmentConflict'; Cmdlet = 'Export-HexSegment'; Script = 'Get-HexSegment $t/one.hex, $t/other.hex | Export-HexSegment $t/merged.hex @p' }
        @{ Id = 'StartAddressConflict'; Cmdlet = 'Export-HexSegment'; Script = 'Get-HexSegment $t/start1.hex, $t/start2.hex | Export-HexSegment $t/merged.hex @p' }
        @{ Id = 'ImageOptionInvalid'; Cmdlet = 'Export-HexSegment'; Script = "$segments | Export-HexSegment `$t/out.s19 @p" }
        @{ Id = 'ImageWriteFailed'; Cmdlet = 'Export-HexSegment'; Script = "$segments | Export-HexSegment /proc/stm32flash.hex @p"; Skip = -not $IsLinux }
    )
}

BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1'))
    . ([System.IO.Path]::Combine($PSScriptRoot, 'ErrorDoc.ps1'))
    Import-Module $ModulePath
    $doc = Read-ErrorDoc ([System.IO.Path]::Combine($Repo, 'docs', 'about_Stm32Flash.md'))

    # Intel HEX records: data (type 0), extended linear address (4), start linear address (5), end of file (1).
    function HexRecord([int] $Type, [int] $Address, [byte[]] $Data = @()) {
        $bytes = [byte[]](@($Data.Length, ($Address -shr 8), ($Address -band 0xFF), $Type) + $Data)
        $sum = 0; foreach ($b in $bytes) { $sum += $b }
        ':' + ((($bytes + [byte]((256 - ($sum % 256)) % 256)) | ForEach-Object { $_.ToString('X2') }) -join '')
    }
    function HexFile([string] $Name, [string[]] $Records) {
        [System.IO.File]::WriteAllLines([System.IO.Path]::Combine($Files, $Name), [string[]]($Records + (HexRecord 1 0)))
    }
    $Files = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), "stm32flash-errors-$([guid]::NewGuid().ToString('N'))")
    $null = [System.IO.Directory]::CreateDirectory([System.IO.Path]::Combine($Files, 'folder'))
    $null = [System.IO.Directory]::CreateDirectory([System.IO.Path]::Combine($Files, 'garbage'))
    $flash = HexRecord 4 0 ([byte[]](0x08, 0x00))
    HexFile tiny.hex @($flash, (HexRecord 0 0 ([byte[]](1..16))))
    HexFile one.hex @($flash, (HexRecord 0 0 ([byte[]](1, 2, 3, 4))))
    HexFile other.hex @($flash, (HexRecord 0 0 ([byte[]](5, 6, 7, 8))))
    HexFile overlap.hex @($flash, (HexRecord 0 0 ([byte[]](1, 2, 3, 4))), (HexRecord 0 0 ([byte[]](5, 6, 7, 8))))
    HexFile start1.hex @($flash, (HexRecord 0 0 ([byte[]](1, 2, 3, 4))), (HexRecord 5 0 ([byte[]](0x08, 0x00, 0x01, 0x01))))
    HexFile start2.hex @($flash, (HexRecord 0 0x100 ([byte[]](1, 2, 3, 4))), (HexRecord 5 0 ([byte[]](0x08, 0x00, 0x02, 0x01))))
    HexFile amb1.hex @($flash)
    HexFile amb2.hex @($flash)
    HexFile exists.hex @($flash)
    HexFile readonly.hex @($flash)
    [System.IO.File]::SetAttributes([System.IO.Path]::Combine($Files, 'readonly.hex'), [System.IO.FileAttributes]::ReadOnly)
    $record = HexRecord 0 0 ([byte[]](1, 2, 3, 4))
    HexFile bad.hex @($flash, ($record.Substring(0, $record.Length - 2) + '00'))
    [System.IO.File]::WriteAllBytes([System.IO.Path]::Combine($Files, 'raw.bin'), [byte[]](1, 2, 3, 4))
    [System.IO.File]::WriteAllText([System.IO.Path]::Combine($Files, 'bad-device.json'), '{ "devices": [ { "name": "STM32X1" } ] }')
    [System.IO.File]::WriteAllText([System.IO.Path]::Combine($Files, 'garbage', 'libCubeProgrammer_API.so'), 'not a library')

    # The trigger's script in a fresh runspace, $t being the folder of test files and $p the given common parameters.
    function Invoke-Trigger([string] $Script, [string] $Common, [string] $Before = '', [string] $After = '') {
        Invoke-InFreshRunspace "param(`$t)`n`$p = @{ $Common }`n$Before`n$Script`n$After" -ArgumentList $Files
    }
}

AfterAll {
    [System.IO.File]::SetAttributes([System.IO.Path]::Combine($Files, 'readonly.hex'), [System.IO.FileAttributes]::Normal)
    [System.IO.Directory]::Delete($Files, $true)
}

Describe 'Error <Id> from <Cmdlet>' -ForEach $triggers {
    BeforeAll {
        $documented = Get-DocumentedError $doc $Id $Cmdlet
        $fullyQualified = "$Id,$((Get-Command $Cmdlet).ImplementingType.FullName)"
    }

    It 'is documented with an exception type of a documented namespace' -Skip:$Skip {
        $doc.Exceptions.Contains($Id) | Should -BeTrue -Because 'every error ID the module raises is in the topic''s table'
        $documented.Exception | Should -Not -BeNullOrEmpty -Because 'the table''s exception is one of the listed types'
    }

    It 'is terminating or not as documented, with the module''s FullyQualifiedErrorId' -Skip:$Skip {
        $run = Invoke-Trigger $Script '' -Before 'try {' -After "'reached' } catch { 'caught'; `$_ }"
        $record = if ($documented.Terminating) {
            $run.Output[0] | Should -Be 'caught' -Because 'a terminating error stops the statement and try/catch catches it'
            $run.Output[1]
        }
        else {
            $run.Output | Should -Contain 'reached' -Because 'a non-terminating error lets the script go on'
            $run.Errors | Select-Object -Last 1
        }
        $record.FullyQualifiedErrorId | Should -Be $fullyQualified
    }

    It 'is caught by catch [documented type]' -Skip:$Skip {
        $run = Invoke-Trigger $Script "ErrorAction = 'Stop'" -Before 'try {' -After "'not thrown' } catch [$($documented.Exception)] { 'typed'; `$_.FullyQualifiedErrorId } catch { 'untyped ' + `$_.Exception.GetType().FullName + ': ' + `$_ }"
        ($run.Output | Select-Object -Last 2) -join ' ' | Should -Be "typed $fullyQualified"
    }

    It 'shows nothing with -ErrorAction SilentlyContinue, and -ErrorVariable holds the ErrorRecord' -Skip:$Skip {
        $run = Invoke-Trigger $Script "ErrorAction = 'SilentlyContinue'; ErrorVariable = 'problem'" -After '[pscustomobject]@{ Problem = @($problem) }'
        $run.Errors | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" } | Should -BeNullOrEmpty
        $problem = @(($run.Output | Select-Object -Last 1).Problem)
        $problem.Count | Should -Be 1
        $problem[0] | Should -BeOfType System.Management.Automation.ErrorRecord
        $problem[0].FullyQualifiedErrorId | Should -Be $fullyQualified
    }

    It 'speaks in the cmdlets'' terms: no C# names, and a recommendation that does not repeat the message' -Skip:$Skip {
        $run = Invoke-Trigger $Script "ErrorAction = 'SilentlyContinue'; ErrorVariable = 'problem'" -After '$problem[0]'
        $record = $run.Output | Select-Object -Last 1
        $message = if ($record.ErrorDetails.Message) { $record.ErrorDetails.Message } else { $record.Exception.Message }
        $message | Should -Not -Match "\(Parameter '" -Because 'ArgumentException''s parameter suffix names a C# parameter'
        $message | Should -Not -MatchExactly '\b[A-Z][a-z]+(?:[A-Z][a-z0-9]+)+\.[A-Z][A-Za-z]+\b' -Because 'C# type and member names mean nothing at the prompt'
        if ($record.ErrorDetails.RecommendedAction) {
            $message | Should -Not -BeLike "*$([WildcardPattern]::Escape($record.ErrorDetails.RecommendedAction))*"
        }
    }
}

Describe 'The topic''s error table' -ForEach @(@{ Raised = @($triggers.Id | Sort-Object -Unique) }) {
    It 'lists every error ID that is raised above, and names only IDs raised above or that need a device, STM32CubeProgrammer or socat' {
        $needsMore = 'NotSupported', 'DeviceError', 'ConnectionFailed', 'DeviceMismatch', 'DeviceNotInCatalog', 'SerialPortsUnavailable',
            'ApiLayoutRequired', 'LoadersPathNotFound', 'CubeProgrammerInUse', 'UsbDeviceNotFound', 'UsbDeviceAmbiguous', 'DfuLayoutMismatch', 'DfuDeviceAmbiguous'
        $doc.Exceptions.Keys | Where-Object { $_ -notin $Raised -and $_ -notin $needsMore } | Should -BeNullOrEmpty
        $needsMore | Where-Object { $_ -notin $doc.Exceptions.Keys } | Should -BeNullOrEmpty
    }

    It 'names every exception type by a full name that PowerShell finds' {
        foreach ($short in $doc.Exceptions.Values | Sort-Object -Unique) {
            $doc.Types[$short] | Should -Not -BeNullOrEmpty -Because "$short is in the list of exception types with its namespace"
            ($doc.Types[$short] -as [type]) | Should -Not -BeNullOrEmpty -Because "[$($doc.Types[$short])] is a type"
        }
    }
}

Describe 'Messages' {
    It 'answers a file given where Write-Stm32Memory takes an address with the pipeline that writes it' {
        $run = Invoke-InFreshRunspace '$null = Connect-Stm32 -Simulator STM32L552; Write-Stm32Memory ./fw.hex'
        $run.Errors[0].ToString() | Should -BeLike "*'./fw.hex' looks like a file name, not a 32-bit address*Get-HexSegment ./fw.hex | Write-Stm32Memory*"
    }

    It 'offers Get-Stm32FlashPlan -Device when there is no session' {
        $run = Invoke-InFreshRunspace 'Get-HexSegment ./samples/tiny-m33/firmware.hex | Get-Stm32FlashPlan'
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'NoSession,*'
        $run.Errors[0].ToString() | Should -BeLike '*Get-Stm32FlashPlan -Device*'
    }

    It 'says a Windows -ApiPath is one, and where the library is looked for, on Linux and macOS' -Skip:$IsWindows {
        $run = Invoke-InFreshRunspace 'Connect-Stm32 -Interface SWD -ApiPath ''C:\ST\api'''
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'CubeProgrammerNotFound,*'
        $run.Errors[0].ToString() | Should -BeLike '*C:\ST\api*a Windows path*no drive letters*'
        $run.Errors[0].ErrorDetails.RecommendedAction | Should -BeLike '*STMicroelectronics/STM32Cube/STM32CubeProgrammer*'
    }

    It 'names -Address and -Overlap, not the C# options, for an image that needs them' {
        $raw = Invoke-InFreshRunspace 'Get-HexSegment $args[0]' -ArgumentList ([System.IO.Path]::Combine($Files, 'raw.bin'))
        "$($raw.Errors[0]) $($raw.Errors[0].ErrorDetails.RecommendedAction)" | Should -Not -BeLike '*ImageReadOptions*'
        $raw.Errors[0].ErrorDetails.RecommendedAction | Should -BeLike '*-Address 0x08000000*'
        $overlap = Invoke-InFreshRunspace 'Get-HexSegment $args[0]' -ArgumentList ([System.IO.Path]::Combine($Files, 'overlap.hex'))
        "$($overlap.Errors[0])" | Should -Not -BeLike '*OverlapPolicy*'
        $overlap.Errors[0].ErrorDetails.RecommendedAction | Should -BeLike '*-Overlap LastWins*'
    }

    It 'names the parameter a connect setting came from' {
        $run = Invoke-InFreshRunspace 'Connect-Stm32 -Interface I2C -I2cAddress 0x4A -I2cSpeedMode Fast -RiseTime 1000'
        $run.Errors[0].ToString() | Should -BeLike '-Interface I2C: -RiseTime must be 0 to *'
    }

    It 'gives a simulated chip''s refusal without the C# parameter' {
        $run = Invoke-InFreshRunspace 'Connect-Stm32 -Simulator STM32L552 -FlashSize 4MB'
        $run.Errors[0].ToString() | Should -Be 'STM32L552 has at most 512 KiB of flash; 4 MiB is not a size it comes in.'
    }

    It 'recommends a next step after a device error, not the likely cause again' {
        $run = Invoke-InFreshRunspace '$null = Connect-Stm32 -Simulator STM32L552 -SimulatorOptions ([Stm32Flash.Targets.Simulation.SimulatorOptions]::new().WithFault(1, "Drop", 1000)); Read-Stm32Memory 0x08000000 16'
        $record = $run.Errors[0]
        $cause = ($record.ToString() -split 'Likely cause: ')[1]
        $cause | Should -Not -BeNullOrEmpty
        $record.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        $cause | Should -Not -BeLike "*$($record.ErrorDetails.RecommendedAction)*"
    }
}

Describe '-Pad of <_>' -ForEach 'Write-Stm32Memory', 'Get-Stm32FlashPlan' {
    It 'accepts the values its help lists, and the planner plans each of them' {
        $help = Get-Help $_ -Parameter Pad
        $syntax = (Get-Help $_).syntax.syntaxItem.parameter | Where-Object name -eq Pad | Select-Object -First 1
        $listed = @($syntax.parameterValueGroup.parameterValue)
        $declared = (Get-Command $_).Parameters['Pad'].Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] }
        $listed | Should -Be @($declared.ValidValues)
        ($help.description.Text -join ' ') | Should -BeLike '*a power of two from 1 to 256*'
        foreach ($pad in $listed) {
            $run = Invoke-InFreshRunspace 'Get-HexSegment ./samples/tiny-m33/firmware.hex | Get-Stm32FlashPlan -Device STM32L552 -Interface Swd -Pad $args[0] -Force' -ArgumentList $pad
            $run.Errors | ForEach-Object ToString | Should -BeNullOrEmpty -Because "-Pad $pad is listed"
        }
    }

    It 'refuses a value the planner cannot use before the cmdlet runs' {
        $run = Invoke-InFreshRunspace "Get-HexSegment ./samples/tiny-m33/firmware.hex | $_ -Pad 3"
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError,*'
    }
}
