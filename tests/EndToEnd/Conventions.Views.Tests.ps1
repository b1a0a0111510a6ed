# The module's views in a real pwsh, as users meet them (issue 12): every column and list item is headed by the name of a
# property of the object, so that what a table shows is what Where-Object and Sort-Object take; at 80 columns no word is
# cut in two; a failed write's report, segments in a list and an exported file show what they should.

BeforeDiscovery {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1'))
    $format = [xml][System.IO.File]::ReadAllText([System.IO.Path]::Combine($Repo, 'Stm32Flash.format.ps1xml'))
    $views = foreach ($v in $format.Configuration.ViewDefinitions.View) { @{ Name = $v.Name; IsTable = $null -ne $v.TableControl } }
}

BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1'))
    Import-Module $ModulePath

    # The lines the objects print at a width, in the invariant culture: there PowerShell's formatter cuts a long value at
    # the column's edge (in en-US it breaks between words), so a view that does not wrap its own text shows cut words.
    function Show([object[]] $InputObject, [string] $View, [switch] $AsList, [int] $Width = 80) {
        $culture = [cultureinfo]::CurrentCulture
        try {
            [cultureinfo]::CurrentCulture = [cultureinfo]::InvariantCulture
            $formatted = if (-not $View) { $InputObject } elseif ($AsList) { $InputObject | Format-List -View $View } else { $InputObject | Format-Table -View $View }
            @(($formatted | Out-String -Width $Width) -split '\r?\n' | ForEach-Object TrimEnd)
        }
        finally { [cultureinfo]::CurrentCulture = $culture }
    }

    function HeadersOf([string[]] $Lines, [switch] $AsList) {
        if ($AsList) { $Lines | Where-Object { $_ -match '^(\S+) +: ?' } | ForEach-Object { ($_ -split ' ')[0] } | Select-Object -Unique }
        else { -split ($Lines | Where-Object { $_.Trim() } | Select-Object -First 1) }
    }

    $folder = [System.IO.Directory]::CreateDirectory([System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), "stm32flash-views-$PID")).FullName
    $ptyDevice = [System.IO.Path]::Combine($folder, 'device')
    $ptyHost = [System.IO.Path]::Combine($folder, 'host')
    $socat = Start-Process socat -ArgumentList "pty,raw,echo=0,link=$ptyDevice", "pty,raw,echo=0,link=$ptyHost" -PassThru
    $waited = [System.Diagnostics.Stopwatch]::StartNew()
    while (-not ((Test-Path $ptyDevice) -and (Test-Path $ptyHost)) -and $waited.Elapsed.TotalSeconds -lt 10) { Start-Sleep -Milliseconds 50 }

    $served = Start-Stm32Simulator -Device STM32G474 -Port $ptyDevice -Parity None
    $usart = Connect-Stm32 -Port $ptyHost -Parity None
    $null = Read-Stm32Memory -Address 0x08000000 -Length 16 -Session $usart
    $failing = Connect-Stm32 -Simulator STM32L552 -SimulatorOptions ([Stm32Flash.Targets.Simulation.SimulatorOptions]::new().WithFault(4, 'Drop', 4))
    try { Get-HexSegment ./samples/stm32l552-demo/demo.hex | Write-Stm32Memory -Pad 8 -Session $failing } catch { $failed = $_ }
    $session = Connect-Stm32 -Simulator STM32L552
    $segments = @(Get-HexSegment ./samples/stm32l552-demo/demo.hex)
    $written = @($segments | Write-Stm32Memory -Pad 8 -PassThru)
    $verified = @($written | Test-Stm32Memory) + @($segments[0] | Test-Stm32Memory)
    $plan = $segments | Get-Stm32FlashPlan -Pad 8 -AsPlan
    $probe = [Stm32Flash.Targets.CubeProgrammer.StLinkProbe]::new(0, '003F00493133510F37363734', 'V3J15M7B5S1', '3.29', 'NUCLEO-L552ZE-Q', $true, $false, 1, [uint[]](24000, 8000, 3300), [uint[]](6000, 3000))
    $dfu = [Stm32Flash.Targets.CubeProgrammer.DfuDevice]::new('USB1', 1, 5, 'STM32  BOOTLOADER', '205F37A05140', 0x11A)
    $usbDfu = [Stm32Flash.Targets.Dfu.UsbDfuDevice]::new(0x0483, 0xDF11, 0x2200, 1, '1-3.1', 5, '375A36503036', 'STM32  BOOTLOADER', 0, 2048, 0x11A,
        [Stm32Flash.Targets.Dfu.DfuSeMemory[]]@([Stm32Flash.Targets.Dfu.DfuSeMemory]::Parse(0, '@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg')))

    $samples = @{
        'Stm32Flash.Device'                   = @(Get-Stm32Device)
        'Stm32Flash.Device.List'              = @(Get-Stm32Device STM32L552, STM32F427, STM32L05x)
        'Stm32Flash.FlashLayout'              = @((Get-Stm32Device STM32L552).Flash)
        'Stm32Flash.FlashPage'                = @((Get-Stm32Device STM32F405).Flash.GetPages())
        'Stm32Flash.AddressRange'             = @(Clear-Stm32Memory -Address 0x08040000 -Length 4096 -PassThru -Confirm:$false)
        'Stm32Flash.Session'                  = @($session, $usart, $failing)
        'Stm32Flash.Session.List'             = @($session, $usart, $failing)
        'Stm32Flash.FlashStep'                = @($segments | Get-Stm32FlashPlan -Pad 8 -Incremental -PreserveUnwritten -Verify)
        'Stm32Flash.FlashStep.List'           = @($segments | Get-Stm32FlashPlan -Pad 8 -Incremental -PreserveUnwritten -Verify)
        'Stm32Flash.FlashPlan'                = @($plan)
        'Stm32Flash.ProgramBlock'             = @($plan.Blocks)
        'Stm32Flash.ProgramBlock.List'        = @($plan.Blocks)
        'Stm32Flash.VerifyResult'             = $verified
        'Stm32Flash.VerifyResult.List'        = $verified
        'Stm32Flash.Segment'                  = $segments + $written
        'Stm32Flash.Segment.List'             = $segments + $written
        'Stm32Flash.Images.StartAddress'      = @($segments[0].Source.Image.StartAddress)
        'Stm32Flash.Images.ImageInfo'         = @($segments[0].Source.Image)
        'Stm32Flash.WriteFailure'             = @($failing.LastFailure)
        'Stm32Flash.TargetException'          = @($failed.Exception.TargetError)
        'Stm32Flash.StLinkProbe'              = @($probe)
        'Stm32Flash.StLinkProbe.List'         = @($probe)
        'Stm32Flash.DfuDevice'                = @($dfu)
        'Stm32Flash.UsbDfuDevice'             = @($usbDfu)
        'Stm32Flash.UsartSimulator'           = @($served)
        'Stm32Flash.UsartSimulator.List'      = @($served)
        'Stm32Flash.OptionByte'               = @(Get-Stm32OptionByte -Session $session)
        'Stm32Flash.OptionByte.List'          = @(Get-Stm32OptionByte -Session $session)
        'Stm32Flash.OptionWord'               = @(Get-Stm32OptionByte -Raw -Session $session)
    }
}

AfterAll {
    if ($served) { Stop-Stm32Simulator -InputObject $served }
    foreach ($s in $session, $usart, $failing) { if ($s -and $s.IsConnected) { Disconnect-Stm32 -Session $s } }
    if ($socat -and -not $socat.HasExited) { Stop-Process -Id $socat.Id }
    if ($folder) { [System.IO.Directory]::Delete($folder, $true) }
}

Describe 'The view <Name>' -ForEach $views {
    BeforeAll {
        $objects = $samples[$Name]
        $lines = if ($objects) { Show $objects -View $Name -AsList:(-not $IsTable) }
    }

    It 'is shown with objects the cmdlets make' {
        $objects | Should -Not -BeNullOrEmpty -Because "every view needs a sample here"
        ($lines -join "`n").Trim() | Should -Not -BeNullOrEmpty
    }

    It 'heads every column or item with the name of a property of the object' {
        $headers = @(HeadersOf $lines -AsList:(-not $IsTable))
        $headers | Should -Not -BeNullOrEmpty
        foreach ($o in $objects) {
            $missing = $headers | Where-Object { $null -eq $o.PSObject.Properties[$_] }
            $missing | Should -BeNullOrEmpty -Because "Where-Object and Sort-Object take a header only when it is a property of $($o.GetType().Name)"
        }
    }

    It 'fits 80 columns and cuts no word in two, in Out-String -Width 80 and in an 80-column console (79 usable)' {
        $long = $lines | Where-Object Length -gt 80
        $long | Should -BeNullOrEmpty
        ($lines -join "`n") | Should -Not -Match "\u2026"
        # The same objects without a width limit: every word printed at 80 (or 79) columns must be a word there too.
        $wide = [System.Collections.Generic.HashSet[string]]::new([string[]](-split ((Show $objects -View $Name -AsList:(-not $IsTable) -Width 2000) -join ' ')))
        foreach ($shown in $lines, (Show $objects -View $Name -AsList:(-not $IsTable) -Width 79)) {
            $cut = -split ($shown -join ' ') | Where-Object { -not $wide.Contains($_) } | Select-Object -Unique
            $cut | Should -BeNullOrEmpty -Because "a word split at the column's edge is not a word of the unwrapped text"
        }
    }
}

Describe 'What a table shows is what a script filters and sorts on' {
    It 'finds the L552 by the ProductId column''s value' {
        $found = @(Get-Stm32Device | Where-Object ProductId -eq 0x472)
        $found.Name | Should -Be 'STM32L552'
        (Show $found) -join "`n" | Should -Match '(?m)^STM32L552 +0x472 '
    }

    It 'sorts devices by FlashSize as numbers' {
        $sorted = @(Get-Stm32Device | Sort-Object FlashSize)
        $sorted[0].FlashSize | Should -Be ([System.Linq.Enumerable]::Min([long[]]@((Get-Stm32Device).FlashSize)))
        $sorted[-1].FlashSize | Should -Be 4MB
        (Show $sorted[-1]) -join "`n" | Should -Match ' 4 MiB '
    }

    It 'filters devices by BootloaderInterfaces and PageSizes as shown' {
        $i2c = @(Get-Stm32Device | Where-Object BootloaderInterfaces -contains I2c)
        $i2c.Name | Should -Be @((Get-Stm32Device -Interface I2c).Name)
        Show $i2c | Where-Object { $_ -match '^STM32' } | Where-Object { $_ -notmatch 'I2c' } | Should -BeNullOrEmpty
        $f427 = Get-Stm32Device STM32F427
        $f427.PageSizes | Should -Contain 128KB
        (Show $f427) -join "`n" | Should -Match ' 16-128 KiB '
        @(Get-Stm32Device | Where-Object ProgramUnit -eq 16).Count | Should -BeGreaterThan 0
    }

    It 'filters segments by Length and verify results by FirstMismatch' {
        $segments | Where-Object Length -eq 220 | ForEach-Object Address | Should -Be 0x08000000
        @($segments | Sort-Object Length)[0].Length | Should -Be 19
        $mismatch = Get-HexSegment ./samples/stm32l552-demo/demo.hex | Select-Object -First 1 | ForEach-Object {
            [Stm32Flash.Segment]::new($_.Address, [byte[]]::new($_.Length), $_.Source) } | Test-Stm32Memory
        @($mismatch | Where-Object FirstMismatch).Count | Should -Be 1
        (Show $mismatch) -join "`n" | Should -Match ('0x{0:X8}' -f $mismatch.FirstMismatch)
    }

    It 'filters sessions by IsConnected' {
        @($session, $usart, $failing | Where-Object IsConnected).Count | Should -Be 3
    }
}

Describe 'Item views at 80 columns' {
    It 'shows a USART session''s connection with its words whole' {
        $text = (Show $usart) -join "`n"
        $text | Should -Match 'protocol 3\.1'
        $text | Should -Match '115200'
    }

    It 'shows a failed write''s report in a few lines: error id, reason, likely cause, what was written' {
        $lines = Show $failing.LastFailure
        $text = $lines -join "`n"
        $text | Should -Match 'ErrorId +: DeviceTimeout'
        $failed.FullyQualifiedErrorId | Should -BeLike 'DeviceTimeout,*'
        $text | Should -Match 'Reason +: no answer'
        $text | Should -Match 'LikelyCause +: Noise on the line'
        $text | Should -Match 'Programmed +: 0x08000000\.\.0x080000E0, 0x08008000\.\.0x08008080'
        $text | Should -Not -Match '\bat Stm32Flash\.'
        @($lines | Where-Object { $_.Trim() }).Count | Should -BeLessThan 16
        (Show $failing -View Stm32Flash.Session.List -AsList) -join "`n" | Should -Match 'LastFailure +: Program at 0x08010000: no answer'
    }

    It 'shows segments in a list with hex addresses' {
        $text = (Get-HexSegment ./samples/stm32l552-demo/demo.hex | Select-Object -First 1 | Format-List | Out-String -Width 80)
        $text | Should -Match 'Address +: 0x08000000'
        $text | Should -Match 'EndAddress +: 0x080000DC'
        $text | Should -Not -Match '134217728'
    }

    It 'shows the file Export-HexSegment -PassThru returns as Get-Item shows it' {
        $file = [System.IO.Path]::Combine($folder, 'demo.srec')
        $exported = $segments | Export-HexSegment -Path $file -PassThru
        $exported | Should -BeOfType System.IO.FileInfo
        $shown = Show $exported
        $shown -join "`n" | Should -Match 'demo\.srec'
        $shown | Should -Be (Show (Get-Item $file))
    }
}
