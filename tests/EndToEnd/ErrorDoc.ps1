<#
.SYNOPSIS
    Reads the "## Errors" subtopic of docs/about_Stm32Flash.md: the exception types by full name, every error ID with
    its exception, and which IDs are non-terminating in which cmdlets (with the exception there when it differs).
#>
function Read-ErrorDoc {
    param([string] $Path)
    $text = [System.IO.File]::ReadAllText($Path) -replace '\r\n', "`n"
    $start = $text.IndexOf("`n## Errors`n")
    $section = $text.Substring($start + 1)
    $section = $section.Substring(0, $section.IndexOf("`n## ", 1))

    $types = @{}
    $listed = $section.Substring($section.IndexOf('The exception types'))
    $listed = $listed.Substring(0, $listed.IndexOf('Every error ID'))
    foreach ($m in [regex]::Matches($listed, '\b(?:Stm32Flash|System)(?:\.[A-Za-z0-9]+)+Exception\b')) {
        $types[$m.Value.Split('.')[-1]] = $m.Value
    }

    $exceptions = [ordered]@{}
    foreach ($m in [regex]::Matches($section, '(?m)^\|\s*([A-Za-z0-9]+)\s*\|\s*([A-Za-z]+)\s*\|$')) {
        if ($m.Groups[1].Value -ne 'Error') { $exceptions[$m.Groups[1].Value] = $m.Groups[2].Value }
    }

    $nonTerminating = @()
    $items = $section.Substring($section.IndexOf('non-terminating in the cmdlets named:'))
    $items = $items.Substring(0, $items.IndexOf("`n`n", $items.IndexOf("`n- ")))
    foreach ($item in ($items -split "`n- " | Select-Object -Skip 1)) {
        $item = $item -replace '\s*\n\s*', ' '
        $colon = $item.IndexOf(':')
        $cmdlets = [regex]::Matches($item.Substring(0, $colon), '\b[A-Z][a-z]+-[A-Za-z0-9]+\b').Value
        # The IDs are the first sentence after the colon; what follows explains them.
        $ids = ($item.Substring($colon) -split '\. ')[0]
        foreach ($m in [regex]::Matches($ids, '\b([A-Z][A-Za-z0-9]+)\b(?: \(an? ([A-Za-z]+) there\))?')) {
            if (-not $exceptions.Contains($m.Groups[1].Value)) { continue }
            foreach ($c in $cmdlets) {
                $nonTerminating += [pscustomobject]@{
                    Id        = $m.Groups[1].Value
                    Cmdlet    = $c
                    Exception = if ($m.Groups[2].Success) { $m.Groups[2].Value } else { $exceptions[$m.Groups[1].Value] }
                }
            }
        }
    }
    [pscustomobject]@{ Types = $types; Exceptions = $exceptions; NonTerminating = $nonTerminating }
}

<#
.SYNOPSIS
    What the topic says an error ID does in a cmdlet: terminating or not, and the exception's full name.
#>
function Get-DocumentedError {
    param($Doc, [string] $Id, [string] $Cmdlet)
    $exception = $Doc.NonTerminating | Where-Object { $_.Id -eq $Id -and $_.Cmdlet -eq $Cmdlet }
    $short = if ($exception) { $exception.Exception } else { $Doc.Exceptions[$Id] }
    [pscustomobject]@{ Terminating = -not $exception; Exception = $Doc.Types[$short] }
}
