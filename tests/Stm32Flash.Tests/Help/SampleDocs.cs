using System;
using System.Linq;

namespace Stm32Flash.Tests.Help
{
    /// <summary>Well-formed help markdown for the compiler's tests; tests break copies of it on purpose.</summary>
    internal static class SampleDocs
    {
        public const string File = "/docs/Set-Widget.md";

        public const string Cmdlet = """
            ---
            external help file: Stm32Flash.dll-Help.xml
            Module Name: Stm32Flash
            online version: https://example.org/set-widget
            schema: 2.0.0
            ---

            # Set-Widget

            ## SYNOPSIS
            Sets a *widget* up.

            ## SYNTAX

            ### ByName (Default)
            ```
            Set-Widget [-Name] <String> [-Size <Int32>] [-Mode <String>] [-Force] [<CommonParameters>]
            ```

            ### ById
            ```
            Set-Widget -Id <Int32> -Size <Int32> [-Mode <String>] [-Force] [<CommonParameters>]
            ```

            ## DESCRIPTION
            First paragraph with `code` and a [link](https://example.org/widgets).

            - one
            - two

            ```
            preformatted
              text
            ```

            ## EXAMPLES

            ### Example 1: Set a widget
            Before the code.

            ```powershell
            Set-Widget -Name w1
            ```

            ```output
            done
            ```

            After the code.

            ### Example 2: On a board
            ```powershell
            Set-Widget -Id 7 -Size 2
            Get-Widget
            ```

            Requires hardware: a widget on a serial port.

            ## PARAMETERS

            ### -Name
            The widget's name.

            ```yaml
            Type: String
            Parameter Sets: ByName
            Aliases:

            Required: True
            Position: 0
            Default value: None
            Accept pipeline input: True (ByPropertyName)
            Accept wildcard characters: False
            ```

            ### -Id
            The widget's number.

            ```yaml
            Type: Int32
            Parameter Sets: ById
            Aliases: Number, No

            Required: True
            Position: Named
            Default value: None
            Accept pipeline input: False
            Accept wildcard characters: False
            ```

            ### -Size
            How big.

            ```yaml
            Type: Int32
            Parameter Sets: ByName
            Aliases:

            Required: False
            Position: Named
            Default value: 4
            Accept pipeline input: False
            Accept wildcard characters: False
            ```

            ```yaml
            Type: Int32
            Parameter Sets: ById
            Aliases:

            Required: True
            Position: Named
            Default value: 4
            Accept pipeline input: True (ByValue)
            Accept wildcard characters: False
            ```

            ### -Mode
            How fast.

            ```yaml
            Type: String
            Parameter Sets: (All)
            Aliases: m
            Accepted values: Fast, Slow

            Required: False
            Position: Named
            Default value: Fast
            Accept pipeline input: False
            Accept wildcard characters: False
            ```

            ### -Force
            Do it anyway.

            ```yaml
            Type: SwitchParameter
            Parameter Sets: (All)
            Aliases:

            Required: False
            Position: Named
            Default value: False
            Accept pipeline input: False
            Accept wildcard characters: False
            ```

            ### CommonParameters
            This cmdlet supports the common parameters.

            ## INPUTS

            ### System.String
            Names.

            ## OUTPUTS

            ### None

            ## NOTES
            A note.

            ## RELATED LINKS

            [Online](https://example.org/widgets)

            [about_Widgets](about_Widgets.md)
            """;

        public const string AboutFile = "/docs/about_Widgets.md";

        public const string About = """
            # about_Widgets

            ## about_Widgets

            # SHORT DESCRIPTION
            Widgets, briefly.

            # LONG DESCRIPTION
            Widgets are things that a long sentence describes at length, so that this paragraph is certainly longer than eighty columns of text.

            ## Kinds of widget
            - A small widget, described in a list item long enough to wrap onto a second line of the rendered topic.
            - A large one.

            ```powershell
            Get-Widget | Set-Widget -Force
            ```

            # SEE ALSO
            Set-Widget
            """;

        /// <summary>1-based line of the first line of <paramref name="text"/> that contains <paramref name="marker"/>.</summary>
        public static int LineOf(string text, string marker, int occurrence = 1)
        {
            var lines = text.Replace("\r\n", "\n").Split('\n');
            var found = Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains(marker, StringComparison.Ordinal)).ToList();
            if (found.Count < occurrence) throw new ArgumentException($"'{marker}' occurs {found.Count} times in the sample.");
            return found[occurrence - 1] + 1;
        }

        /// <summary>The text with the first occurrence of <paramref name="old"/> replaced; fails if it does not occur.</summary>
        public static string Replace(string text, string old, string replacement)
        {
            var at = text.IndexOf(old, StringComparison.Ordinal);
            if (at < 0) throw new ArgumentException($"'{old}' is not in the sample.");
            return text.Substring(0, at) + replacement + text.Substring(at + old.Length);
        }
    }
}
