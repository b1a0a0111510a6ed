<#
.SYNOPSIS
    The targets the hardware suite runs against: the simulated STM32L552 and STM32F405 (over USART) always, and the
    board the STM32FLASH_TEST_* environment variables name (tagged Hardware), or a skipped placeholder for it when they
    name none.
.DESCRIPTION
    Each target is a hashtable: Name, Connect (the parameters splatted to Connect-Stm32), Image (the firmware file),
    Device (the catalog name the board must report, or $null), Module (the manifest to import), Tags, Skip.
    Board variables: STM32FLASH_TEST_PORT alone (the module's own USART host on that serial port), or
    STM32FLASH_TEST_INTERFACE (SWD, JTAG, UART, I2C, SPI, CAN, DFU: through CubeProgrammer_API, UART with the port);
    STM32FLASH_TEST_DEVICE (the catalog device the board is), STM32FLASH_TEST_API_PATH (STM32CubeProgrammer's folder or
    library), STM32FLASH_TEST_I2C_ADDRESS (e.g. 0x4A), STM32FLASH_TEST_BAUD_RATE, STM32FLASH_TEST_PARITY (Even, or None
    on a pseudo-terminal); for every target STM32FLASH_TEST_IMAGE (default: samples/stm32l552-demo/demo.hex) and
    STM32FLASH_TEST_MODULE (default: the module built in out/).
    Uses only .NET and core cmdlets, so it runs in Windows PowerShell 5.1 as in pwsh 7.
#>
[CmdletBinding()]
param()

$repo = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..', '..'))

function Get-TestSetting([string] $Name) {
    $value = [System.Environment]::GetEnvironmentVariable("STM32FLASH_TEST_$Name")
    if ([string]::IsNullOrWhiteSpace($value)) { $null } else { $value.Trim() }
}

$image = Get-TestSetting IMAGE
if ($null -eq $image) { $image = [System.IO.Path]::Combine($repo, 'samples', 'stm32l552-demo', 'demo.hex') }
$module = Get-TestSetting MODULE
if ($null -eq $module) { $module = [System.IO.Path]::Combine($repo, 'out', 'Stm32Flash') }
$common = @{ Image = [System.IO.Path]::GetFullPath($image); Module = [System.IO.Path]::GetFullPath($module) }

@{
    Name = 'the simulated STM32L552'
    Connect = @{ Simulator = 'STM32L552' }
    Device = 'STM32L552'
    Tags = @()
    Skip = $false
} + $common

# An F4 over its USART bootloader: a 1-byte flash unit below the bootloader's 4-byte word, and 16 to 128 KiB sectors.
@{
    Name = 'the simulated STM32F405 over USART'
    Connect = @{ Simulator = 'STM32F405'; Interface = 'Usart' }
    Device = 'STM32F405'
    Tags = @()
    Skip = $false
} + $common

$connect = @{}
$interface = Get-TestSetting INTERFACE
if ($null -ne $interface) { $connect.Interface = $interface }
$port = Get-TestSetting PORT
if ($null -ne $port) { $connect.Port = $port }
$apiPath = Get-TestSetting API_PATH
if ($null -ne $apiPath) { $connect.ApiPath = $apiPath }
$i2cAddress = Get-TestSetting I2C_ADDRESS
if ($null -ne $i2cAddress) {
    $connect.I2cAddress = if ($i2cAddress -match '^0x') { [System.Convert]::ToByte($i2cAddress.Substring(2), 16) } else { [byte]$i2cAddress }
}
$baudRate = Get-TestSetting BAUD_RATE
if ($null -ne $baudRate) { $connect.BaudRate = [int]$baudRate }
$parity = Get-TestSetting PARITY
if ($null -ne $parity) { $connect.Parity = $parity }
$device = Get-TestSetting DEVICE
if ($null -ne $device) { $connect.Device = $device }

if ($connect.ContainsKey('Interface') -or $connect.ContainsKey('Port')) {
    $over = if ($connect.ContainsKey('Interface')) { $connect.Interface } else { $port }
    @{
        Name = "the board over $over"
        Connect = $connect
        Device = $device
        Tags = @('Hardware')
        Skip = $false
    } + $common
}
else {
    @{
        Name = 'a board (none given: set STM32FLASH_TEST_INTERFACE or STM32FLASH_TEST_PORT)'
        Connect = @{}
        Device = $null
        Tags = @('Hardware')
        Skip = $true
    } + $common
}
