# Tab completion as a real pwsh gives it (TabExpansion2, with the Management cmdlets that path completion uses).

BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1'))
    Import-Module $ModulePath
    function Complete([string] $Text) {
        @((TabExpansion2 -inputScript $Text -cursorColumn $Text.Length).CompletionMatches | ForEach-Object { $_.CompletionText.Trim("'", '"') })
    }
}

Describe 'Connect-Stm32 -Port completes paths as well as ports' {
    BeforeAll {
        $pair = New-SocatPair
        $links = [System.IO.Directory]::CreateDirectory([System.IO.Path]::Combine($pair.Folder, 'links')).FullName
        Push-Location $links
        # The pair's links are one folder up; here are links to them under the names the tests type.
        $null = New-Item -ItemType SymbolicLink -Path "$links/host" -Target $pair.Host
        $null = New-Item -ItemType SymbolicLink -Path "$links/device" -Target $pair.Device
    }
    AfterAll {
        Pop-Location
        Stop-SocatPair $pair
    }

    It 'offers what is here for an empty word' {
        $offered = Complete 'Connect-Stm32 -Port '
        $offered | Should -Contain './host'
        $offered | Should -Contain './device'
    }

    It 'completes a relative path' {
        Complete 'Connect-Stm32 -Port ./h' | Should -Be './host'
        Complete 'Start-Stm32Simulator -Device STM32G474 -Port ./d' | Should -Be './device'
    }

    It 'completes from the parent folder' {
        Complete 'Connect-Stm32 -Port ../li' | Should -Be '../links'
    }

    It 'completes the links of a socat pair by absolute path' {
        Complete "Connect-Stm32 -Port $($pair.Folder)/ho" | Should -Be $pair.Host
    }

    It 'completes paths under ~' {
        $home_entries = @(Complete 'Connect-Stm32 -Port ~/')
        $home_entries.Count | Should -BeGreaterThan 0
        $home_entries | ForEach-Object { $_ | Should -BeLike '~/*' }
    }

    It 'connects through the path it completed' {
        $served = Start-Stm32Simulator -Device STM32L552 -Port ./device -Parity None
        try {
            $session = Connect-Stm32 -Port (Complete 'Connect-Stm32 -Port ./h') -Parity None
            $session.Device.Name | Should -Be 'STM32L552'
            Disconnect-Stm32 -Session $session
        }
        finally { $served | Stop-Stm32Simulator }
    }
}

Describe '-Interface completes what the named device offers' {
    It 'offers an STM32F030 only USART, SWD and JTAG (<Command>)' -ForEach @(
        @{ Command = 'Connect-Stm32 -Simulator STM32F030F4 -Interface ' }
        @{ Command = 'Connect-Stm32 -Port COM3 -Device STM32F030F4 -Interface ' }
        @{ Command = 'Get-Stm32FlashPlan -Device STM32F030F4 -Interface ' }
    ) {
        Complete $Command | Sort-Object | Should -Be @('Jtag', 'Swd', 'Usart')
    }

    It 'offers every interface when no device is named' {
        Complete 'Connect-Stm32 -Interface ' | Sort-Object | Should -Be @('Can', 'Dfu', 'I2c', 'Jtag', 'Spi', 'Swd', 'Usart')
    }

    It 'still takes the CLI words' {
        $session = Connect-Stm32 -Simulator STM32L552 -Interface uart
        $session.Interface | Should -Be 'Usart'
        Disconnect-Stm32 -Session $session
    }
}

Describe 'A partial part number completes to the part numbers the catalog knows' {
    It 'completes STM32L562Z to its part number' {
        Complete 'Connect-Stm32 -Simulator STM32L562Z' | Should -Be @('STM32L562ZE')
    }

    It 'completes a part typed without STM32 and lists each flash size of a line with part numbers' {
        Complete 'Get-Stm32Device f405r' | Should -Be @('STM32F405RE', 'STM32F405RG')
    }

    It 'gives part numbers the cmdlets take with the flash they name' {
        (Get-Stm32Device (Complete 'Get-Stm32Device STM32F405R')[0]).FlashSize | Should -Be 512KB
    }

    It 'offers nothing for a line without its pin-count letter that is not a name' {
        Complete 'Connect-Stm32 -Simulator STM32H750' | Should -BeNullOrEmpty
    }
}
