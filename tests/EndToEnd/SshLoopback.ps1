<#
.SYNOPSIS
    An OpenSSH server on 127.0.0.1 for PowerShell SSH remoting tests: a port only loopback reaches, a host key and a
    client key made for it in a temporary folder, key authentication only, and this pwsh registered as its powershell
    subsystem. Start-LoopbackSshd returns what Invoke-Command -HostName needs (SshParameters) or, where sshd or ssh
    is absent, an object whose SkipReason says so.
#>

function Start-LoopbackSshd {
    $sshd = '/usr/sbin/sshd'
    $ssh = Get-Command ssh -CommandType Application -ErrorAction Ignore | Select-Object -First 1
    $keygen = Get-Command ssh-keygen -CommandType Application -ErrorAction Ignore | Select-Object -First 1
    if (-not [System.IO.File]::Exists($sshd) -or -not $ssh -or -not $keygen) {
        return [pscustomobject]@{ SkipReason = 'OpenSSH (sshd, ssh, ssh-keygen) is not installed; .ci/run installs openssh-server.' }
    }
    $folder = [System.IO.Directory]::CreateTempSubdirectory('stm32-sshd-').FullName
    & $keygen.Source -q -t ed25519 -N '' -f "$folder/host_key" | Out-Null
    & $keygen.Source -q -t ed25519 -N '' -f "$folder/client_key" | Out-Null
    [System.IO.File]::Copy("$folder/client_key.pub", "$folder/authorized_keys")

    # The subsystem runs this same pwsh: under `dotnet pwsh` that is the dotnet host with pwsh.dll.
    $exe = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    $pwsh = if ([System.IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { "'$exe' '$([Environment]::GetCommandLineArgs()[0])'" } else { "'$exe'" }
    [System.IO.File]::WriteAllText("$folder/pwsh-sshs", "#!/bin/sh`nexec $pwsh -sshs -NoLogo -NoProfile`n")
    & chmod 700 "$folder/pwsh-sshs"

    # The privilege-separation directory sshd insists on (made by the service unit, which is not run here).
    if (-not [System.IO.Directory]::Exists('/run/sshd')) { $null = [System.IO.Directory]::CreateDirectory('/run/sshd') }
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
    [System.IO.File]::WriteAllLines("$folder/sshd_config", @(
            'ListenAddress 127.0.0.1'
            "Port $port"
            "HostKey $folder/host_key"
            "PidFile $folder/sshd.pid"
            "AuthorizedKeysFile $folder/authorized_keys"
            'AuthenticationMethods publickey'
            'PasswordAuthentication no'
            'KbdInteractiveAuthentication no'
            'PermitRootLogin prohibit-password'
            'StrictModes no'
            'UsePAM no'
            "Subsystem powershell $folder/pwsh-sshs"
        ))
    $process = Start-Process $sshd -ArgumentList '-D', '-e', '-f', "$folder/sshd_config" -RedirectStandardError "$folder/sshd.log" -PassThru
    $deadline = [DateTime]::UtcNow.AddSeconds(10)
    while (-not (Select-String -LiteralPath "$folder/sshd.log" -Pattern 'Server listening' -Quiet -ErrorAction Ignore)) {
        if ($process.HasExited -or [DateTime]::UtcNow -gt $deadline) {
            throw "sshd did not start on 127.0.0.1:${port}: $([System.IO.File]::ReadAllText("$folder/sshd.log"))"
        }
        Start-Sleep -Milliseconds 50
    }
    [pscustomobject]@{
        SkipReason    = $null
        Folder        = $folder
        Process       = $process
        Port          = $port
        SshParameters = @{
            HostName    = 'localhost'
            Port        = $port
            UserName    = [Environment]::UserName
            KeyFilePath = "$folder/client_key"
            Options     = @{ StrictHostKeyChecking = 'no'; UserKnownHostsFile = '/dev/null'; LogLevel = 'ERROR' }
        }
    }
}

function Stop-LoopbackSshd($Server) {
    if (-not $Server -or $Server.SkipReason) { return }
    Stop-Process -InputObject $Server.Process -ErrorAction Ignore
    $Server.Process.WaitForExit(5000) | Out-Null
    [System.IO.Directory]::Delete($Server.Folder, $true)
}
