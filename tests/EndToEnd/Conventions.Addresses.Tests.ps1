# Addresses and sizes from 0x80000000 up, in a real pwsh, which reads those hex literals as negative Int32 values
# (0x90000000 is -1879048192): every address and size parameter takes them, and '0x...' strings, as the number
# written; a value too large for the parameter is refused with that number, never a negative one; New-HexSegment makes a
# segment at such an address. Each script runs in a fresh runspace connected to a simulated STM32L552.

BeforeDiscovery {
    $demo = './samples/stm32l552-demo/demo.hex'
    $taken = @(
        @{ Parameter = 'Get-HexSegment -MaxGap'; Script = "@(Get-HexSegment $demo -MaxGap 0xFFFFFFFF).Count"; Expected = 1 }
        @{ Parameter = 'Get-HexSegment -MaxGap (text)'; Script = "@(Get-HexSegment $demo -MaxGap '0x8000_0000').Count"; Expected = 1 }
        @{ Parameter = 'Get-HexSegment -Address'; Script = '$bin = [System.IO.Path]::Combine($args[0], "x.bin"); [System.IO.File]::WriteAllBytes($bin, [byte[]](1, 2)); "0x{0:X8}" -f (Get-HexSegment $bin -Address 0x90000000).Address'; Expected = '0x90000000' }
        @{ Parameter = 'New-HexSegment -Address'; Script = '"0x{0:X8}" -f (New-HexSegment 0x90000000 (1, 2, 3, 4)).Address'; Expected = '0x90000000' }
        @{ Parameter = 'New-HexSegment -UInt32'; Script = '(New-HexSegment 0x20000000 -UInt32 0xDEADBEEF, 0x80000000).Data -join " "'; Expected = '239 190 173 222 0 0 0 128' }
        @{ Parameter = 'Export-HexSegment -StartAddress'; Script = '$hex = [System.IO.Path]::Combine($args[0], "x.hex"); New-HexSegment 0x08000000 (1..4) | Export-HexSegment $hex -StartAddress 0x90000001; "0x{0:X8}" -f (Get-HexSegment $hex).Source.Image.StartAddress.Address'; Expected = '0x90000001' }
        @{ Parameter = 'the Segment constructor, with the u suffix'; Script = '"0x{0:X8}" -f [Stm32Flash.Segment]::new(0x90000000u, [byte[]](1, 2, 3, 4)).Address'; Expected = '0x90000000' }
    )
    $refused = @(
        @{ Parameter = 'Read-Stm32Memory -Address'; Script = 'Read-Stm32Memory 0xFFFFFF00 0x100'; Named = '0xFFFFFF00' }
        @{ Parameter = 'Read-Stm32Memory -Length'; Script = 'Read-Stm32Memory 0x08000000 0xFFFFFFFF'; Named = '4294967295' }
        @{ Parameter = 'Clear-Stm32Memory -Address'; Script = 'Clear-Stm32Memory 0x90000000 4 -Confirm:$false'; Named = '0x90000000' }
        @{ Parameter = 'Clear-Stm32Memory -Length'; Script = 'Clear-Stm32Memory 0x08000000 0x80000000 -Confirm:$false'; Named = '2147483648' }
        @{ Parameter = 'Write-Stm32Memory -Address'; Script = 'Write-Stm32Memory 0x90000000 (1..4)'; Named = '0x90000000' }
        @{ Parameter = 'Write-Stm32Memory -Pad'; Script = 'New-HexSegment 0x08000000 (1..4) | Write-Stm32Memory -Pad 0xFFFFFFFF'; Named = '4294967295' }
        @{ Parameter = 'Get-Stm32FlashPlan -Pad'; Script = 'New-HexSegment 0x08000000 (1..4) | Get-Stm32FlashPlan -Pad 0x80000000'; Named = '2147483648' }
        @{ Parameter = 'Start-Stm32 -Address'; Script = 'Start-Stm32 0x90000000'; Named = '0x90000000' }
        @{ Parameter = 'Connect-Stm32 -FlashSize'; Script = 'Connect-Stm32 -Simulator STM32L552 -FlashSize 0x80000000'; Named = '2048 MiB' }
        @{ Parameter = 'Start-Stm32Simulator -FlashSize'; Script = 'Start-Stm32Simulator STM32G474 ./no-such-port -FlashSize 0x80000000'; Named = '2048 MiB' }
        @{ Parameter = 'Export-HexSegment -RecordLength'; Script = 'New-HexSegment 0x08000000 (1..4) | Export-HexSegment ([System.IO.Path]::Combine($args[0], "x.hex")) -RecordLength 0x80000000'; Named = '2147483648' }
        @{ Parameter = 'New-HexSegment -Address'; Script = 'New-HexSegment 0xFFFFFFFE (1, 2, 3)'; Named = '0xFFFFFFFE' }
    )
}

BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1'))
    function Invoke-Connected([string] $Script) {
        $folder = [System.IO.Directory]::CreateTempSubdirectory('stm32-addresses-').FullName
        try { Invoke-InFreshRunspace "`$null = Connect-Stm32 -Simulator STM32L552; & { $Script } @args" -ArgumentList $folder }
        finally { [System.IO.Directory]::Delete($folder, $true) }
    }
}

Describe '<Parameter> takes a value from 0x80000000 up' -ForEach $taken {
    It 'as the number written' {
        $run = Invoke-Connected $Script
        ($run.Errors | ForEach-Object { $_.ToString() }) -join "`n" | Should -BeNullOrEmpty
        $run.Output | Should -Be $Expected
    }
}

Describe '<Parameter> refuses a value from 0x80000000 up that it cannot use' -ForEach $refused {
    It 'naming the number written, not a negative one' {
        $run = Invoke-Connected "try { $Script } catch { `$_ }"
        $errors = @($run.Errors) + @($run.Output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $text = ($errors | ForEach-Object { $_.ToString() }) -join "`n"
        $errors.Count | Should -BeGreaterThan 0
        $text | Should -BeLike "*$Named*"
        $text | Should -Not -Match '(?<![\w.])-\d+\b|Cannot convert value'
    }
}
