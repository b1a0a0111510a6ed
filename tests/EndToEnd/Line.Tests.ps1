# samples/line: boards flashed in parallel, one result per board, a failed board not stopping the others, CSV and JUnit.

BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1'))
    Import-Module $ModulePath
    $line = [System.IO.Path]::Combine($Repo, 'samples', 'line')
    $image = Get-HexSegment ([System.IO.Path]::Combine($Repo, 'samples', 'stm32l552-demo', 'demo.hex'))
    $served = @(1..3 | ForEach-Object { Start-PtyBoard STM32L552 })
    $boards = @(
        for ($i = 0; $i -lt $served.Count; $i++) { @{ Port = $served[$i].Port; Parity = 'None'; SerialNumber = 'SN-{0:D4}' -f ($i + 1) } }
        # A board on the line that is not the product: refused at connection, the others go on.
        @{ Port = ($wrong = Start-PtyBoard STM32G474).Port; Parity = 'None'; Device = 'STM32L552'; SerialNumber = 'SN-0004' }
    )
    $served += $wrong
    $results = @(& "$line/Invoke-Stm32Line.ps1" -Board $boards -Segment $image -SerialAddress 0x0807F000 -ThrottleLimit 4 -ModulePath $ModulePath)
    $out = [System.IO.Directory]::CreateTempSubdirectory('stm32-line-').FullName
}

AfterAll {
    $served | ForEach-Object { Stop-PtyBoard $_ }
    if ($out) { [System.IO.Directory]::Delete($out, $true) }
}

Describe 'Invoke-Stm32Line.ps1 on four boards, one of them wrong' {
    It 'returns one result per board' {
        $results.Count | Should -Be 4
        @($results.Board | Sort-Object) -join ',' | Should -Be (@($boards.Port | Sort-Object) -join ',')
    }

    It 'flashes, verifies and numbers the three good boards' {
        foreach ($i in 0..2) {
            $r = $results | Where-Object Board -eq $boards[$i].Port
            $r.Error | Should -BeNullOrEmpty
            $r.Device | Should -Be 'STM32L552'
            $r.Verified | Should -Be 'Passed'
            $r.BytesWritten | Should -BeGreaterOrEqual (($image | Measure-Object Length -Sum).Sum + 7)
            $r.Seconds | Should -BeGreaterThan 0
            $flash = Get-PtyBoardBytes $served[$i] 0x0807F000 7
            [System.Text.Encoding]::ASCII.GetString($flash) | Should -Be $boards[$i].SerialNumber
            (Get-PtyBoardBytes $served[$i] $image[0].Address $image[0].Length) -join ',' | Should -Be ($image[0].Data -join ',')
        }
    }

    It 'reports each good board''s unique device ID, read over its port, as the simulator holds it' {
        foreach ($i in 0..2) {
            $r = $results | Where-Object Board -eq $boards[$i].Port
            $r.UniqueId | Should -Match '^[0-9A-F]{24}$'
            $r.UniqueId | Should -Be $served[$i].Simulator.Simulation.UniqueId.ToString()
        }
        @($results | Where-Object { $_.Board -ne $boards[3].Port } | ForEach-Object UniqueId | Sort-Object -Unique).Count | Should -Be 3
    }

    It 'reports the wrong board with its error, and writes nothing to it' {
        $r = $results | Where-Object Board -eq $boards[3].Port
        $r.ErrorId | Should -BeLike 'DeviceMismatch*'
        $r.Error | Should -Match 'STM32G474|0x469'
        $r.Verified | Should -Be 'NotRun'
        $r.BytesWritten | Should -Be 0
        $r.UniqueId | Should -BeNullOrEmpty
        @($wrong.Simulator.Simulation.ExportFlash()).Count | Should -Be 0
    }

    It 'exports to CSV as it is' {
        $csv = [System.IO.Path]::Combine($out, 'line.csv')
        $results | Export-Csv -LiteralPath $csv
        $rows = @(Import-Csv -LiteralPath $csv)
        $rows.Count | Should -Be 4
        ($rows[0].PSObject.Properties.Name -join ',') | Should -Be 'Board,Device,UniqueId,SerialNumber,BytesWritten,Verified,Seconds,Error,ErrorId'
        @($rows | Where-Object Verified -eq 'Passed').Count | Should -Be 3
        ($rows | Where-Object SerialNumber -eq 'SN-0004').Error | Should -Not -BeNullOrEmpty
    }

    It 'writes JUnit XML with one case per board and the failure' {
        $file = $results | & "$line/ConvertTo-Stm32LineJUnit.ps1" -Path ([System.IO.Path]::Combine($out, 'line.xml'))
        $xml = [xml][System.IO.File]::ReadAllText($file.FullName)
        $suite = $xml.testsuites.testsuite
        $suite.tests | Should -Be '4'
        $suite.failures | Should -Be '1'
        @($suite.testcase).Count | Should -Be 4
        $failed = @($suite.testcase | Where-Object { $_.failure })
        $failed.Count | Should -Be 1
        $failed[0].name | Should -Be "$($boards[3].Port) SN-0004"
        $failed[0].failure.type | Should -BeLike 'DeviceMismatch*'
    }
}

Describe 'Invoke-Stm32Line.ps1 with ST-LINKs beside a simulator' {
    BeforeAll {
        $api = $env:STM32FLASH_E2E_FAKE_API
        if ($api) {
            # CubeProgrammer_API holds one connection per process: the two probes can only both pass in processes of their own.
            $mixed = @(
                @{ Probe = 'FAKESTLINK0000'; SerialNumber = 'P-0001' }
                @{ Probe = 'FAKESTLINK0001'; SerialNumber = 'P-0002' }
                @{ Simulator = 'STM32L552'; SerialNumber = 'S-0001' }
            )
            $probeResults = @(& "$line/Invoke-Stm32Line.ps1" -Board $mixed -Segment $image -SerialAddress 0x0807F000 -ApiPath $api -ModulePath $ModulePath)
        }
    }
    BeforeEach { if (-not $api) { Set-ItResult -Skipped -Because 'STM32FLASH_E2E_FAKE_API (the fake CubeProgrammer_API the NUnit wrapper builds) is not set.' } }

    It 'flashes each probe in a process of its own and the simulator in a runspace, one result each' {
        $probeResults.Count | Should -Be 3
        foreach ($r in $probeResults) {
            $r.Error | Should -BeNullOrEmpty
            $r.Verified | Should -Be 'Passed'
            $r.Device | Should -Be 'STM32L552'
            $r.BytesWritten | Should -BeGreaterOrEqual (($image | Measure-Object Length -Sum).Sum + 6)
        }
        @($probeResults.Board | Sort-Object) -join ',' | Should -Be 'simulator STM32L552,ST-LINK FAKESTLINK0000,ST-LINK FAKESTLINK0001'
    }

    It 'gives results from the jobs with the same columns' {
        foreach ($r in $probeResults) {
            ($r.PSObject.Properties.Name -join ',') | Should -Be 'Board,Device,UniqueId,SerialNumber,BytesWritten,Verified,Seconds,Error,ErrorId'
        }
        ($probeResults | Where-Object Board -eq 'simulator STM32L552').UniqueId | Should -Match '^[0-9A-F]{24}$'
        foreach ($r in $probeResults) { $r.UniqueId | Should -Match '^([0-9A-F]{24})?$' }
    }
}
