# ConvertTo-Json at its default depth, in a real pwsh, of what every cmdlet returns: no error, JSON that reads back, no
# .NET type names where an object was cut at the depth, no stack traces, and bytes only in segments, whose Data they
# are. Each pipeline runs in a fresh runspace on a simulated STM32L552 (or a simulator served on a socat pair).

BeforeDiscovery {
    $demo = './samples/stm32l552-demo/demo.hex'
    # A simulator served on one end of a socat pair, for the cmdlets that need a serial line.
    $served = @'
$folder = [System.IO.Directory]::CreateTempSubdirectory('stm32-json-').FullName
$socat = [System.Diagnostics.Process]::Start('socat', "pty,raw,echo=0,link=$folder/device pty,raw,echo=0,link=$folder/host")
while (-not [System.IO.File]::Exists("$folder/host")) { [System.Threading.Thread]::Sleep(20) }
$simulator = Start-Stm32Simulator STM32G474 "$folder/device" -Parity None
'@
    $unserve = '$null = Stop-Stm32Simulator; $socat.Kill(); $socat.WaitForExit()'
    $cases = @(
        @{ Name = 'Get-Stm32Device'; Script = 'Get-Stm32Device STM32L552' }
        @{ Name = 'Get-Stm32Device (every device)'; Script = 'Get-Stm32Device' }
        @{ Name = 'Get-Stm32Device -AsDefinition'; Script = 'Get-Stm32Device STM32G474 -AsDefinition' }
        @{ Name = 'Add-Stm32Device'; Script = '$file = [System.IO.Path]::Combine($args[0], "x4f0.json"); [System.IO.File]::WriteAllText($file, ((Get-Stm32Device STM32G474 -AsDefinition) -replace ''"STM32G474"'', ''"STM32X4F0"'' -replace ''"0x469"'', ''"0x4F0"'' -replace ''"aliases": \[[^\]]*\]'', ''"aliases": []'')); try { Add-Stm32Device $file } finally { [Stm32Flash.Devices.DeviceCatalog]::ResetAdded() }' }
        @{ Name = 'Connect-Stm32 -Simulator'; Script = 'Connect-Stm32 -Simulator STM32L552' }
        @{ Name = 'a session after a failed write'; Script = "`$s = Connect-Stm32 -Simulator STM32L552 -SimulatorOptions ([Stm32Flash.Targets.Simulation.SimulatorOptions]::new().WithFault(3, 'Drop', 4)); try { Get-HexSegment $demo | Write-Stm32Memory } catch { }; `$s"; Failed = $true }
        @{ Name = 'Get-HexSegment'; Script = "Get-HexSegment $demo"; Data = $true }
        @{ Name = 'New-HexSegment'; Script = 'New-HexSegment 0x90000000 -UInt32 0x12345678, 0xCAFEF00D'; Data = $true }
        @{ Name = 'Export-HexSegment -PassThru'; Script = "Get-HexSegment $demo | Export-HexSegment ([System.IO.Path]::Combine(`$args[0], 'demo.srec')) -PassThru"; Ours = $false }
        @{ Name = 'Get-Stm32FlashPlan'; Script = "Get-HexSegment $demo | Get-Stm32FlashPlan -Pad 8 -Incremental -PreserveUnwritten -Verify" }
        @{ Name = 'Get-Stm32FlashPlan -AsPlan'; Script = "Get-HexSegment $demo | Get-Stm32FlashPlan -AsPlan" }
        @{ Name = 'Get-Stm32FlashPlan -Device -AsPlan'; Script = "Get-HexSegment $demo | Get-Stm32FlashPlan -Device STM32F405 -AsPlan -Verify" }
        @{ Name = 'Write-Stm32Memory -PassThru'; Script = "Get-HexSegment $demo | Write-Stm32Memory -Pad 8 -PassThru"; Data = $true }
        @{ Name = 'Test-Stm32Memory'; Script = "Get-HexSegment $demo | Write-Stm32Memory -PassThru | Test-Stm32Memory" }
        @{ Name = 'Test-Stm32Memory -Quiet'; Script = "Get-HexSegment $demo | Test-Stm32Memory -Quiet" }
        @{ Name = 'Read-Stm32Memory'; Script = 'Read-Stm32Memory 0x08000000 0x400'; Data = $true }
        @{ Name = 'Clear-Stm32Memory -PassThru'; Script = 'Clear-Stm32Memory -Bank 2 -PassThru -Confirm:$false' }
        @{ Name = 'Reset-Stm32 -PassThru'; Script = 'Reset-Stm32 -PassThru' }
        @{ Name = 'Start-Stm32 -PassThru'; Script = 'Start-Stm32 -PassThru' }
        @{ Name = 'Disconnect-Stm32 -PassThru'; Script = 'Disconnect-Stm32 -PassThru' }
        @{ Name = 'Start-Stm32Simulator'; Script = "$served; `$simulator; $unserve" }
        @{ Name = 'Connect-Stm32 -Port'; Script = "$served; Connect-Stm32 -Port `"`$folder/host`" -Parity None; Disconnect-Stm32; $unserve" }
        @{ Name = 'Stop-Stm32Simulator -PassThru'; Script = "$served; Stop-Stm32Simulator -PassThru; `$socat.Kill(); `$socat.WaitForExit()" }
        @{ Name = 'Get-Stm32Probe'; Script = 'Get-Stm32Probe -ApiPath $env:STM32FLASH_E2E_FAKE_API'; NeedsApi = $true }
    )
}

BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1'))
    # A type's name as ToString gives it when an object has nothing better to say (Stm32Flash.Devices.FlashLayout).
    $typeName = '(?<![\w/\\.-])(System|Stm32Flash|Microsoft)\.[A-Z]\w*(\.\w+)*'
    # Thirty-two numbers in a row, as an array or as the text of one cut at the depth: bytes of an image.
    $bytes = '(\d+,\s*){31}\d+|(\d+ ){31}\d+'
}

Describe 'ConvertTo-Json of <Name>' -ForEach $cases {
    BeforeAll {
        $folder = [System.IO.Directory]::CreateTempSubdirectory('stm32-json-').FullName
        $run = if ($NeedsApi -and -not $env:STM32FLASH_E2E_FAKE_API) { $null } else {
            Invoke-InFreshRunspace @"
`$null = Connect-Stm32 -Simulator STM32L552
`$out = @(& { $Script } @args)
[pscustomobject]@{
    Count = `$out.Count
    One = `$out[0] | ConvertTo-Json -WarningAction SilentlyContinue
    All = `$out | ConvertTo-Json -WarningAction SilentlyContinue
}
"@ -ArgumentList $folder
        }
        $result = if ($run) { $run.Output | Select-Object -Last 1 }
    }

    AfterAll { [System.IO.Directory]::Delete($folder, $true) }

    $skip = $NeedsApi -and -not $env:STM32FLASH_E2E_FAKE_API

    It 'converts at the default depth without an error' -Skip:$skip {
        ($run.Errors | ForEach-Object { $_.ToString() }) -join "`n" | Should -BeNullOrEmpty
        $result.Count | Should -BeGreaterThan 0
        $result.One | Should -Not -BeNullOrEmpty
    }

    It 'gives JSON that ConvertFrom-Json reads back' -Skip:$skip {
        { $result.One | ConvertFrom-Json } | Should -Not -Throw
        { $result.All | ConvertFrom-Json } | Should -Not -Throw
    }

    It 'holds no stack trace' -Skip:$skip {
        foreach ($json in $result.One, $result.All) { $json | Should -Not -Match 'StackTrace|TargetSite|\bat Stm32Flash\.' }
    }

    if ($Ours -ne $false) {
        It 'names no .NET type where an object was cut at the depth' -Skip:$skip {
            foreach ($json in $result.One, $result.All) { [regex]::Matches($json, $typeName).Value | Should -BeNullOrEmpty }
        }
    }

    if ($Data) {
        It 'holds bytes only as the Data of its segments' {
            $segments = @($result.All | ConvertFrom-Json)
            $segments | ForEach-Object { $_.Data.Count | Should -Be $_.Length }
            $segments | ForEach-Object { $_.Data = $null }
            ConvertTo-Json -InputObject $segments -Depth 5 | Should -Not -Match $bytes
        }
    }
    elseif ($Ours -ne $false) {
        It 'holds no bytes' -Skip:$skip {
            $result.All | Should -Not -Match $bytes
        }
    }
}

Describe 'ConvertTo-Json of what users convert most' {
    BeforeAll {
        $demo = './samples/stm32l552-demo/demo.hex'
        function Convert([string] $Script) {
            $run = Invoke-InFreshRunspace "`$null = Connect-Stm32 -Simulator STM32L552; & { $Script } | ConvertTo-Json -WarningAction SilentlyContinue"
            ($run.Errors | ForEach-Object { $_.ToString() }) -join "`n" | Should -BeNullOrEmpty
            $run.Output -join "`n" | ConvertFrom-Json
        }
    }

    It 'keys a device''s largest transfers by interface name' {
        $device = Convert 'Get-Stm32Device STM32L552'
        $device.Limits.Usart.MaxWrite | Should -Be 256
        $device.Limits.Dfu.MaxWrite | Should -Be 1024
        $device.Flash.Banks | Should -Be 'bank 1: 0x08000000..0x08040000, 128 pages of 2 KiB', 'bank 2: 0x08040000..0x08080000, 128 pages of 2 KiB'
    }

    It 'gives a session''s last failure as its error id, message and ranges' {
        $session = Convert "`$s = Connect-Stm32 -Simulator STM32L552 -SimulatorOptions ([Stm32Flash.Targets.Simulation.SimulatorOptions]::new().WithFault(3, 'Drop', 4)); try { Get-HexSegment $demo | Write-Stm32Memory } catch { }; `$s"
        $session.LastFailure.ErrorId | Should -Be 'DeviceTimeout'
        $session.LastFailure.Message | Should -Match '^Write Memory at 0x08008000 \(segment 2 of 4, chunk 2 of 4\)'
        $session.LastFailure.Programmed | Should -Be '0x08000000..0x080000E0'
    }

    It 'shows a plan''s device, steps and blocks by name and range' {
        $plan = Convert "Get-HexSegment $demo | Get-Stm32FlashPlan -AsPlan"
        $plan.Device.Name | Should -Be 'STM32L552'
        $plan.SegmentCount | Should -Be 4
        @($plan.Steps).Count | Should -Be 5
        $plan.Steps[0].Detail | Should -Be 'erase pages 0, 16, 32, 255 (8 KiB)'
        $plan.Steps[1].Page | Should -Be 'page 0 (bank 1, 0x08000000, 2 KiB)'
        $plan.Blocks[0].Range | Should -Be '0x08000000..0x080000E0'
    }
}
