# A stand-in for the part of Pester 5 that tests/Hardware uses, for the hosted engine where Pester is not installed. It is
# imported as a dynamic module, as Pester is a module: a block's script runs in the test file's session state, so that
# BeforeDiscovery's variables are the file's, and -ForEach data are variables of the block, as Pester makes them.
# Discovery runs the file (Describe bodies, -Tag, -Skip and -ForEach evaluated); Invoke-StandInRun then runs
# BeforeAll, each It in a child scope, and AfterAll, block by block, with Pester's tag filter and skip rules.
# Supported: BeforeDiscovery; top-level Describe with -ForEach, -Tag, -Skip; It with -Tag, -Skip; BeforeAll; AfterAll;
# Should with -Be, -BeTrue, -BeFalse, -BeGreaterThan, -BeNullOrEmpty, -Match, -Not, -Because. The xunit test checks
# that the suite uses nothing else.

$script:Blocks = [System.Collections.Generic.List[object]]::new()
$script:Current = $null

function New-Block([string] $Name, [string[]] $Tags, [bool] $Skip, $Data) {
    [pscustomobject]@{
        Name = $Name; Tags = @($Tags); Skip = $Skip; Data = $Data
        BeforeAll = [System.Collections.Generic.List[scriptblock]]::new()
        AfterAll = [System.Collections.Generic.List[scriptblock]]::new()
        Items = [System.Collections.Generic.List[object]]::new()
    }
}

function Expand-Name([string] $Template, $Data) {
    [regex]::Replace($Template, '<(\w+)>', {
        param($m)
        $key = $m.Groups[1].Value
        if ($key -eq '_') { "$Data" } elseif ($Data -is [System.Collections.IDictionary] -and $Data.Contains($key)) { "$($Data[$key])" } else { $m.Value }
    })
}

# Runs $Body in a new scope of the caller's session state with the data's keys (and $_) as variables.
$script:WithData = [scriptblock]::Create(@'
param($__body, $__data)
if ($__data -is [System.Collections.IDictionary]) { foreach ($__key in $__data.Keys) { $ExecutionContext.SessionState.PSVariable.Set($__key, $__data[$__key]) } }
$_ = $__data
. $__body
'@)

function Add-Block {
    param([string] $Name, [scriptblock] $Fixture, [bool] $HasData, [object[]] $ForEach, [string[]] $Tag, [bool] $Skip, $CallerState)
    $items = [System.Collections.Generic.List[object]]::new()
    if ($HasData) { foreach ($data in $ForEach) { $items.Add($data) } } else { $items.Add($null) }
    foreach ($item in $items) {
        if ($null -ne $script:Current) { throw "Describe '$Name' inside another block: the stand-in runs top-level blocks only." }
        $block = New-Block (Expand-Name $Name $item) $Tag $Skip $item
        $script:Blocks.Add($block)
        $script:Current = $block
        try { $ExecutionContext.InvokeCommand.InvokeScript($CallerState, $script:WithData, @($Fixture, $item)) | Out-Null }
        finally { $script:Current = $null }
    }
}

function BeforeDiscovery {
    param([Parameter(Mandatory, Position = 0)] [scriptblock] $ScriptBlock)
    . $ScriptBlock
}

function Describe {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] [string] $Name, [Parameter(Position = 1)] [scriptblock] $Fixture,
        [object[]] $ForEach, [string[]] $Tag = @(), [switch] $Skip)
    Add-Block $Name $Fixture ($PSBoundParameters.ContainsKey('ForEach')) $ForEach $Tag $Skip.IsPresent $PSCmdlet.SessionState
}

function It {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] [string] $Name, [Parameter(Position = 1)] [scriptblock] $Test,
        [string[]] $Tag = @(), [switch] $Skip)
    if ($null -eq $script:Current) { throw "It '$Name' is outside a Describe block." }
    $script:Current.Items.Add([pscustomobject]@{ Name = Expand-Name $Name $script:Current.Data; Test = $Test; Tags = @($Tag); Skip = $Skip.IsPresent })
}

function BeforeAll {
    param([Parameter(Mandatory, Position = 0)] [scriptblock] $ScriptBlock)
    $script:Current.BeforeAll.Add($ScriptBlock)
}

function AfterAll {
    param([Parameter(Mandatory, Position = 0)] [scriptblock] $ScriptBlock)
    $script:Current.AfterAll.Add($ScriptBlock)
}

function Should {
    [CmdletBinding()]
    param([Parameter(ValueFromPipeline)] $ActualValue, [Parameter(Position = 0)] $ExpectedValue,
        [switch] $Be, [switch] $BeTrue, [switch] $BeFalse, [switch] $BeGreaterThan, [switch] $BeNullOrEmpty, [switch] $Match,
        [switch] $Not, [string] $Because)
    begin { $values = [System.Collections.Generic.List[object]]::new() }
    process { if ($MyInvocation.ExpectingInput) { $values.Add($ActualValue) } }
    end {
        $actual = if ($values.Count -eq 1) { $values[0] } elseif ($values.Count -eq 0) { $null } else { $values.ToArray() }
        $ok, $what = if ($Be) { ($actual -eq $ExpectedValue), "to be '$ExpectedValue'" }
            elseif ($BeTrue) { ([bool]$actual), 'to be true' }
            elseif ($BeFalse) { (-not [bool]$actual), 'to be false' }
            elseif ($BeGreaterThan) { ($actual -gt $ExpectedValue), "to be greater than $ExpectedValue" }
            elseif ($BeNullOrEmpty) { ($null -eq $actual -or "$actual" -eq '' -or ($actual -is [array] -and $actual.Count -eq 0)), 'to be null or empty' }
            elseif ($Match) { ($actual -match $ExpectedValue), "to match '$ExpectedValue'" }
            else { throw 'Should: no operator the stand-in knows.' }
        if ($ok -is [array]) { $ok = $ok.Count -gt 0 }
        if ($Not) { $ok = -not $ok; $what = "not $what" }
        if (-not $ok) { throw "Expected '$actual' $what$(if ($Because) { " because $Because" })." }
    }
}

# Runs one block in a new scope of the test file's session state: BeforeAll when a test of it is to run, each It in a
# child scope, AfterAll. Returns one result per It.
$script:RunBlock = [scriptblock]::Create(@'
param($__block, $__exclude)
if ($__block.Data -is [System.Collections.IDictionary]) { foreach ($__key in $__block.Data.Keys) { $ExecutionContext.SessionState.PSVariable.Set($__key, $__block.Data[$__key]) } }
$_ = $__block.Data
$__plan = foreach ($__item in $__block.Items) {
    $__tags = @($__block.Tags) + @($__item.Tags)
    $__state = if (@($__tags | Where-Object { $__exclude -contains $_ }).Count -gt 0) { 'NotRun' } elseif ($__block.Skip -or $__item.Skip) { 'Skipped' } else { 'Run' }
    [pscustomobject]@{ Block = $__block.Name; Name = $__item.Name; Tags = $__tags; Result = $__state; Error = $null; Test = $__item.Test }
}
$__plan = @($__plan)
$__runs = @($__plan | Where-Object { $_.Result -eq 'Run' }).Count
$__setupError = $null
if ($__runs -gt 0) {
    try { foreach ($__setup in $__block.BeforeAll) { . $__setup } } catch { $__setupError = "BeforeAll failed: $_" }
}
foreach ($__result in $__plan) {
    if ($__result.Result -ne 'Run') { continue }
    if ($null -ne $__setupError) { $__result.Result = 'Failed'; $__result.Error = $__setupError; continue }
    try { & { . $__result.Test } | Out-Null; $__result.Result = 'Passed' }
    catch { $__result.Result = 'Failed'; $__result.Error = "$_" }
}
if ($__runs -gt 0) {
    foreach ($__teardown in $__block.AfterAll) {
        try { . $__teardown } catch { foreach ($__result in $__plan) { if ($__result.Result -eq 'Passed') { $__result.Result = 'Failed'; $__result.Error = "AfterAll failed: $_" } } }
    }
}
$__plan
'@)

function Invoke-StandInRun {
    [CmdletBinding()]
    param([string[]] $ExcludeTag = @())
    try {
        foreach ($block in $script:Blocks) {
            $ExecutionContext.InvokeCommand.InvokeScript($PSCmdlet.SessionState, $script:RunBlock, @($block, $ExcludeTag)) |
                ForEach-Object { [pscustomobject]@{ Block = $_.Block; Name = $_.Name; Tags = $_.Tags; Result = $_.Result; Error = $_.Error } }
        }
    }
    finally {
        $script:Blocks.Clear()
        $script:Current = $null
    }
}

Export-ModuleMember -Function BeforeDiscovery, Describe, It, BeforeAll, AfterAll, Should, Invoke-StandInRun
