# Pester 5: flash, verify, read back, re-flash incrementally and clear, on the simulator and on the board that the
# STM32FLASH_TEST_* environment variables name (Targets.ps1; README.md here says how to run it). Every check is made
# by the module's cmdlets, so the xunit suite runs these blocks too (tests/Stm32Flash.Tests/Hardware).

BeforeDiscovery {
    $targets = @(& ([System.IO.Path]::Combine($PSScriptRoot, 'Targets.ps1')))
}

Describe 'Stm32Flash on <Name>' -ForEach $targets {
    BeforeAll {
        if (-not $Skip) {
            Import-Module -Name $Module -Force -ErrorAction Stop
            $session = Connect-Stm32 @Connect -ErrorAction Stop
            $segments = @(Get-HexSegment -LiteralPath $Image -ErrorAction Stop)
        }
    }

    AfterAll {
        if (-not $Skip -and $null -ne $session) { Disconnect-Stm32 -Session $session }
    }

    It 'connects to the device it was given' -Tag $Tags -Skip:$Skip {
        $session.IsConnected | Should -BeTrue
        if ($Device) { $session.Device.Name | Should -Be (Get-Stm32Device -Name $Device).Name }
    }

    It 'writes the image and verifies every written block' -Tag $Tags -Skip:$Skip {
        $results = @($segments | Write-Stm32Memory -Session $session -PassThru | Test-Stm32Memory -Session $session)
        $results.Count | Should -BeGreaterThan 0
        @($results | Where-Object { -not $_.Match }).Count | Should -Be 0
    }

    It 'reads back every segment as the image has it' -Tag $Tags -Skip:$Skip {
        foreach ($segment in $segments) {
            $read = Read-Stm32Memory -Session $session -Address $segment.Address -Length $segment.Length
            [System.Convert]::ToBase64String($read.Data) | Should -Be ([System.Convert]::ToBase64String($segment.Data))
        }
    }

    It 're-flashes one changed byte incrementally, leaving the other pages alone' -Tag $Tags -Skip:$Skip {
        $last = $segments[-1]
        $data = [byte[]]$last.Data.Clone()
        $data[0] = $data[0] -bxor 0x5A
        $changed = @($segments | Where-Object { $_ -ne $last }) + [Stm32Flash.Segment]::new($last.Address, $data)
        $pages = (Get-Stm32FlashPlan -InputObject $changed -Session $session -AsPlan).TouchedPages.Count

        $verbose = @(Write-Stm32Memory -InputObject $changed -Session $session -Incremental -Verbose 4>&1)
        $summary = @($verbose | Where-Object { "$_" -match 'matching \w+\(s\) alone' })
        $summary.Count | Should -Be 1
        "$($summary[0])" | Should -Match "left $($pages - 1) matching"
        Test-Stm32Memory -InputObject $changed -Session $session -Quiet | Should -BeTrue
    }

    It 'clears what it wrote' -Tag $Tags -Skip:$Skip {
        foreach ($segment in $segments) {
            $null = Clear-Stm32Memory -Session $session -Address $segment.Address -Length $segment.Length -Confirm:$false
        }
        Test-Stm32Memory -InputObject $segments -Session $session -Quiet | Should -BeFalse
        $erased = Read-Stm32Memory -Session $session -Address $segments[0].Address -Length 16
        @($erased.Data | Where-Object { $_ -ne $session.Device.ErasedValue }).Count | Should -Be 0
    }
}
