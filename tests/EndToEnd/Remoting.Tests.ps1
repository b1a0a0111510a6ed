# Segments across process boundaries: a job, and PowerShell SSH remoting to a server on loopback (the image read here,
# sent as segments, written there to simulators served on ptys).

BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1'))
    . ([System.IO.Path]::Combine($PSScriptRoot, 'SshLoopback.ps1'))
    Import-Module $ModulePath
    $image = Get-HexSegment ([System.IO.Path]::Combine($Repo, 'samples', 'stm32l552-demo', 'demo.hex'))
    $imageBytes = ($image | Measure-Object Length -Sum).Sum
}

Describe 'Segments through Start-Job' {
    BeforeAll {
        $board = Start-PtyBoard STM32L552
        # Bound in the job before its module is imported (deserialized bags), returned to this session (rehydrated).
        $job = Start-Job -ArgumentList $ModulePath, $board.Port, $image -ScriptBlock {
            param($module, $port, $segments)
            $received = @($segments | ForEach-Object { $_.pstypenames[0] })
            Import-Module $module
            $null = Connect-Stm32 -Port $port -Parity None
            $verified = @($segments | Write-Stm32Memory -PassThru | Test-Stm32Memory)
            $read = @($segments | Read-Stm32Memory)
            Disconnect-Stm32 | Out-Null
            [pscustomobject]@{ Received = $received; Verified = $verified; Read = $read }
        }
        $back = $job | Wait-Job -Timeout 60 | Receive-Job
        $job | Remove-Job -Force
    }
    AfterAll { Stop-PtyBoard $board }

    It 'sends segments that arrive deserialized, with their bytes' {
        $back.Received -join ',' | Should -Be ((@('Deserialized.Stm32Flash.Segment') * 4) -join ',')
    }

    It 'binds them to Write-Stm32Memory and Test-Stm32Memory by value' {
        $back.Verified.Count | Should -Be 4
        $back.Verified.Match | Should -Not -Contain $false
        (Get-PtyBoardBytes $board $image[1].Address $image[1].Length) -join ',' | Should -Be ($image[1].Data -join ',')
    }

    It 'binds them to Read-Stm32Memory by property name, and what comes back is segments again' {
        $back.Read.Count | Should -Be 4
        foreach ($i in 0..3) {
            $back.Read[$i] | Should -BeOfType ([Stm32Flash.Segment])
            $back.Read[$i].Address | Should -Be $image[$i].Address
            $back.Read[$i].Data -join ',' | Should -Be ($image[$i].Data -join ',')
        }
    }
}

Describe 'The same flow over SSH remoting (Invoke-Command -HostName localhost)' {
    BeforeAll {
        $server = Start-LoopbackSshd
        if ($server.SkipReason -and $env:CI -eq 'true') { throw "CI must run the remoting tests: $($server.SkipReason)" }
        if (-not $server.SkipReason) {
            $boards = @(Start-PtyBoard STM32L552; Start-PtyBoard STM32L552)
            $ssh = $server.SshParameters
            $remote = New-PSSession @ssh -ErrorAction Stop
        }
    }
    AfterAll {
        if ($remote) { Remove-PSSession $remote }
        $boards | Where-Object { $_ } | ForEach-Object { Stop-PtyBoard $_ }
        Stop-LoopbackSshd $server
    }
    BeforeEach { if ($server.SkipReason) { Set-ItResult -Skipped -Because $server.SkipReason } }

    It 'runs in another process' {
        Invoke-Command -Session $remote { $PID } | Should -Not -Be $PID
    }

    It 'writes segments piped from here into the remote pipeline ($input)' {
        $verified = @($image | Invoke-Command -Session $remote -ArgumentList $ModulePath, $boards[0].Port -ScriptBlock {
                param($module, $port)
                Import-Module $module
                $null = Connect-Stm32 -Port $port -Parity None
                $input | Write-Stm32Memory -Verify -PassThru | Test-Stm32Memory
                Disconnect-Stm32 | Out-Null
            })
        $verified.Count | Should -Be 4
        $verified.Match | Should -Not -Contain $false
        $verified[0].pstypenames[0] | Should -Be 'Deserialized.Stm32Flash.VerifyResult'
        foreach ($s in $image) { (Get-PtyBoardBytes $boards[0] $s.Address $s.Length) -join ',' | Should -Be ($s.Data -join ',') }
    }

    It 'runs the line script remotely, one result per board back here' {
        $list = @(
            @{ Port = $boards[0].Port; Parity = 'None'; SerialNumber = 'R-0001' }
            @{ Port = $boards[1].Port; Parity = 'None'; SerialNumber = 'R-0002' }
            @{ Port = '/dev/stm32-no-such-port'; SerialNumber = 'R-0003' }
        )
        $script = [System.IO.Path]::Combine($Repo, 'samples', 'line', 'Invoke-Stm32Line.ps1')
        $results = @(Invoke-Command -Session $remote -FilePath $script -ArgumentList $list, $image, 0x0807F000, 3, $ModulePath)
        $results.Count | Should -Be 3
        foreach ($i in 0..1) {
            $r = $results | Where-Object Board -eq $boards[$i].Port
            $r.Verified | Should -Be 'Passed'
            $r.BytesWritten | Should -BeGreaterOrEqual ($imageBytes + 6)
            [System.Text.Encoding]::ASCII.GetString((Get-PtyBoardBytes $boards[$i] 0x0807F000 6)) | Should -Be $list[$i].SerialNumber
        }
        ($results | Where-Object SerialNumber -eq 'R-0003').Error | Should -Not -BeNullOrEmpty
        ($results | Where-Object SerialNumber -eq 'R-0003').Verified | Should -Be 'NotRun'
    }
}

Describe 'Other objects across a process boundary show as they did' {
    BeforeAll {
        # CLIXML as jobs and remoting write it, with the depths Stm32Flash.types.ps1xml gives.
        function Copy-ThroughClixml($o) {
            [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($o))
        }
        $session = Connect-Stm32 -Simulator STM32L552
        $cases = @(
            @{ Name = 'devices (list)'; Format = 'Format-List'; Object = Get-Stm32Device STM32G474 }
            @{ Name = 'devices (table)'; Format = 'Format-Table'; Object = Get-Stm32Device STM32G474, STM32L552 }
            @{ Name = 'a plan''s summary'; Format = 'Format-List'; Object = $image | Get-Stm32FlashPlan -Session $session -AsPlan }
            @{ Name = 'plan steps'; Format = 'Format-Table'; Object = $image | Get-Stm32FlashPlan -Session $session }
            @{ Name = 'verify results'; Format = 'Format-Table'; Object = $image | Write-Stm32Memory -Session $session -PassThru | Test-Stm32Memory -Session $session }
        )
    }
    AfterAll { Disconnect-Stm32 -Session $session | Out-Null }

    It 'shows <Name> deserialized as the originals' -ForEach @(
        @{ Name = 'devices (list)' }, @{ Name = 'devices (table)' }, @{ Name = 'a plan''s summary' }, @{ Name = 'plan steps' }, @{ Name = 'verify results' }
    ) {
        $case = $cases | Where-Object Name -eq $Name
        $copy = Copy-ThroughClixml $case.Object
        @($copy)[0].pstypenames[0] | Should -BeLike 'Deserialized.*'
        $copy | & $case.Format | Out-String -Width 80 | Should -BeExactly ($case.Object | & $case.Format | Out-String -Width 80)
    }

    It 'keeps a verify result''s outcome and its segment''s source' {
        $original = @($cases | Where-Object Name -eq 'verify results').Object
        $copy = @(Copy-ThroughClixml $original)
        $copy.Match -join ',' | Should -Be ($original.Match -join ',')
        $copy[0].Source.Origin | Should -Be $original[0].Source.Origin
    }
}

Describe 'CubeProgrammer_API: one connection per process, so one process per probe' {
    BeforeAll {
        $api = $env:STM32FLASH_E2E_FAKE_API
        if ($api) {
            # Each connection is held a moment, so the two overlap.
            $connect = {
                param($module, $api, $address)
                Import-Module $module
                try {
                    $session = Connect-Stm32 -Interface I2C -ApiPath $api -I2cAddress $address -ErrorAction Stop -WarningAction SilentlyContinue
                    Start-Sleep -Milliseconds 1500
                    Disconnect-Stm32 -Session $session | Out-Null
                    "connected $PID"
                }
                catch { "$($_.FullyQualifiedErrorId) $PID" }
            }
            $text = $connect.ToString()
            $inRunspaces = @(0x4A, 0x4B | ForEach-Object -ThrottleLimit 2 -Parallel {
                    & ([scriptblock]::Create($using:text)) $using:ModulePath $using:api $_
                })
            $jobs = @(0x4A, 0x4B | ForEach-Object { Start-Job -ScriptBlock $connect -ArgumentList $ModulePath, $api, $_ })
            $inJobs = @($jobs | Wait-Job -Timeout 60 | Receive-Job)
            $jobs | Remove-Job -Force
        }
    }
    BeforeEach { if (-not $api) { Set-ItResult -Skipped -Because 'STM32FLASH_E2E_FAKE_API (the fake CubeProgrammer_API the NUnit wrapper builds) is not set.' } }

    It 'refuses a second connection from another runspace of the same process, saying so' {
        @($inRunspaces | Where-Object { $_ -like 'connected*' }).Count | Should -Be 1
        @($inRunspaces | Where-Object { $_ -like 'CubeProgrammerInUse*' }).Count | Should -Be 1
    }

    It 'connects both from two jobs, one process each' {
        @($inJobs | Where-Object { $_ -like 'connected*' }).Count | Should -Be 2
        @($inJobs -replace '^\S+ ' | Sort-Object -Unique).Count | Should -Be 2
    }
}
