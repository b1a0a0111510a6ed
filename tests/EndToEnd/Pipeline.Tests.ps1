# What a real pwsh shows of a long write and of parallel runspaces.

BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1'))
    Import-Module $ModulePath
    $image = [System.IO.Path]::Combine($Repo, 'samples', 'stm32l552-demo', 'demo.hex')
}

Describe 'Progress of a paced write' {
    BeforeAll {
        $run = Invoke-InFreshRunspace @'
$options = [Stm32Flash.Targets.Simulation.SimulatorOptions]::new()
$options.BytesPerSecond = 4000
$null = Connect-Stm32 -Simulator STM32L552 -SimulatorOptions $options
Get-HexSegment $args[0] | Write-Stm32Memory -Pad 8 -PassThru | Test-Stm32Memory
'@ -ArgumentList $image
        $writing = @($run.Progress | Where-Object ActivityId -eq 1)
    }

    It 'writes and verifies without errors' {
        $run.Errors | Should -BeNullOrEmpty
        $run.Output.Count | Should -Be 4
        $run.Output.Match | Should -Not -Contain $false
    }

    It 'reports the write as it goes, with a rising percentage, and completes it' {
        $writing.Count | Should -BeGreaterThan 3
        $writing[0].Activity | Should -Be 'Writing STM32L552'
        $running = @($writing | Where-Object RecordType -eq 'Processing')
        $percents = @($running.PercentComplete)
        ($percents | Sort-Object) -join ',' | Should -Be ($percents -join ',')
        $percents[-1] | Should -BeGreaterThan $percents[0]
        $running[-1].CurrentOperation | Should -Match '^\w+: [\d,]+ of [\d,]+ bytes$'
        $writing[-1].RecordType | Should -Be 'Completed'
    }

    It 'reports the verify under its own activity' {
        $verifying = @($run.Progress | Where-Object ActivityId -eq 2)
        $verifying.Count | Should -BeGreaterThan 0
        $verifying[-1].RecordType | Should -Be 'Completed'
    }
}

Describe 'ForEach-Object -Parallel with one session per runspace' {
    BeforeAll {
        $devices = 'STM32L552', 'STM32G474', 'STM32F405', 'STM32H743'
        $results = $devices | ForEach-Object -ThrottleLimit 4 -Parallel {
            Import-Module $using:ModulePath
            $session = Connect-Stm32 -Simulator $_
            $verified = @(Get-HexSegment $using:image | Write-Stm32Memory -PassThru | Test-Stm32Memory)
            # A mark of this runspace's own, written and read back through its current session while the others run.
            $mark = [System.Text.Encoding]::ASCII.GetBytes($_.PadRight(16))
            [Stm32Flash.Segment]::new([uint32]0x08040000, $mark) | Write-Stm32Memory
            $current = Read-Stm32Memory -Address 0x08040000 -Length 16
            [pscustomobject]@{
                Asked    = $_
                Device   = $session.Device.Name
                Id       = $session.Id
                Verified = $verified.Count
                AllMatch = -not ($verified.Match -contains $false)
                Mark     = [System.Text.Encoding]::ASCII.GetString($current.Data).Trim()
            }
            Disconnect-Stm32
        }
    }

    It 'flashes and verifies the image on every device' {
        $results.Count | Should -Be 4
        foreach ($r in $results) {
            $r.Device | Should -Be $r.Asked
            $r.Verified | Should -Be 4
            $r.AllMatch | Should -BeTrue
        }
    }

    It 'gives each runspace its own current session' {
        @($results.Id | Sort-Object -Unique).Count | Should -Be 4
        foreach ($r in $results) { $r.Mark | Should -Be $r.Asked }
    }

    It 'leaves this runspace without a session' {
        { Read-Stm32Memory -Address 0x08000000 -Length 4 -ErrorAction Stop } | Should -Throw -ErrorId 'NoSession*'
    }
}
