# A production script over a serial line, as issue 14 asks: flash a simulated STM32L552 served on a pseudo-terminal, set
# readout protection level 1, see reads refused, unprotect (the flash is erased), flash again and verify; then the boot
# options a board ships with, and the ones that would cut the bootloader off.

BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1'))
    Import-Module $ModulePath
    $image = [System.IO.Path]::Combine($Repo, 'samples', 'stm32l552-demo', 'demo.hex')
}

Describe 'Readout protection of an STM32L552 over USART' {
    BeforeAll {
        $pair = New-SocatPair
        $served = Start-Stm32Simulator -Device STM32L552 -Port $pair.Device -Parity None
        $run = Invoke-InFreshRunspace @'
param($port, $image)
$board = Connect-Stm32 -Port $port -Parity None
$first = @(Get-HexSegment $image | Write-Stm32Memory -PassThru | Test-Stm32Memory)
$before = Get-Stm32OptionByte RDP
Set-Stm32OptionByte -Name RDP -Value 0xBB -Confirm:$false -Verbose 4>&1 | ForEach-Object { "verbose: $_" }
Read-Stm32Memory -Address 0x08000000 -Length 16 -ErrorAction SilentlyContinue -ErrorVariable readError
try { Get-Stm32OptionByte } catch { $optionError = $_ }
Unprotect-Stm32 -Readout -Confirm:$false
$erased = Read-Stm32Memory -Address 0x08000000 -Length 16
$again = @(Get-HexSegment $image | Write-Stm32Memory -PassThru | Test-Stm32Memory)
[pscustomobject]@{
    First = $first; Before = $before; ReadError = $readError; OptionError = $optionError
    Erased = $erased; Again = $again; After = Get-Stm32OptionByte RDP; Connection = $board.Connection
}
Disconnect-Stm32 -Session $board
'@ -ArgumentList $pair.Host, $image
        $result = $run.Output | Where-Object { $_ -isnot [string] }
        $said = $run.Output | Where-Object { $_ -is [string] }
    }

    AfterAll {
        if ($served) { Stop-Stm32Simulator -InputObject $served }
        if ($pair) { Stop-SocatPair $pair }
    }

    It 'flashes and verifies the image at level 0 first' {
        $result.Connection | Should -Match 'host.*8N1'
        $result.Before.Meaning | Should -Be 'level 0: open'
        $result.First.Count | Should -Be 4
        $result.First.Match | Should -Not -Contain $false
    }

    It 'sets RDP to level 1 and confirms it by the refused read' {
        $said | Should -Contain 'verbose: STM32L552: reads are refused now (readout protection level 1).'
        $served.Simulation.ReadoutProtectionLevel | Should -Be 0 -Because 'it was lifted again at the end'
    }

    It 'has reads and option-byte reads refused while protected' {
        $result.ReadError[0].FullyQualifiedErrorId | Should -Be 'ReadoutProtected,Stm32Flash.Commands.ReadStm32MemoryCommand'
        $result.OptionError.FullyQualifiedErrorId | Should -Be 'ReadoutProtected,Stm32Flash.Commands.GetStm32OptionByteCommand'
    }

    It 'finds the flash erased after unprotecting, flashes it again and verifies' {
        $result.Erased.Data | Should -Be (@(0xFF) * 16)
        $result.Again.Count | Should -Be 4
        $result.Again.Match | Should -Not -Contain $false
        $result.After.Value | Should -Be 0xAA
        $run.Errors | Should -BeNullOrEmpty
    }
}

Describe 'Boot options over USART' {
    BeforeAll {
        $pair = New-SocatPair
        $served = Start-Stm32Simulator -Device STM32G474 -Port $pair.Device -Parity None
        $run = Invoke-InFreshRunspace @'
param($port)
$board = Connect-Stm32 -Port $port -Parity None
try { Set-Stm32OptionByte -Name nSWBOOT0 -Value 0 -Confirm:$false } catch { $refused = $_ }
$kept = Get-Stm32OptionByte nSWBOOT0
Set-Stm32OptionByte @{ DBANK = 0 } -Confirm:$false
[pscustomobject]@{ Refused = $refused; Kept = $kept; Flash = $board.Flash; Pages = $board.Device.Flash.PageCount }
Set-Stm32OptionByte @{ nSWBOOT0 = 0; nBOOT0 = 1 } -AllowBootloaderLockout -Confirm:$false
'@ -ArgumentList $pair.Host
        $result = $run.Output | Select-Object -First 1
    }

    AfterAll {
        if ($served) { Stop-Stm32Simulator -InputObject $served }
        if ($pair) { Stop-SocatPair $pair }
    }

    It 'refuses a lockout without its switch and writes nothing' {
        $result.Refused.FullyQualifiedErrorId | Should -Be 'BootloaderLockoutRefused,Stm32Flash.Commands.SetStm32OptionByteCommand'
        $result.Refused.ErrorDetails.RecommendedAction | Should -Match '-AllowBootloaderLockout'
        $result.Kept.Value | Should -Be 1
    }

    It 'switches the bank mode, and the session plans with the single-bank layout' {
        $result.Flash | Should -Be '512 KiB single bank'
        $result.Pages | Should -Be 128
    }

    It 'writes a lockout that is meant, and says the session cannot reach the chip again' {
        $run.Warnings.Message | Should -Match 'now starts from flash, not the bootloader'
        $served.Simulation.RunningFrom | Should -Be 0x08000000
        $run.Errors | Should -BeNullOrEmpty
    }
}
