namespace Scrs.Matching.Host;

/// <summary>
/// The shell completion scripts <c>scrs-matching completion bash|zsh|pwsh</c> prints. Each asks the command itself what
/// may come next through System.CommandLine's <c>[suggest:POSITION]</c> directive, as dotnet-suggest's shims do, with
/// the command line after the command's name and the cursor's position in it; the shell then matches the word typed.
/// </summary>
internal static class Completion
{
    /// <summary>The shells there is a script for.</summary>
    public static readonly string[] Shells = ["bash", "zsh", "pwsh"];

    /// <summary>The script for <paramref name="shell"/>, one of <see cref="Shells"/>.</summary>
    public static string Script(string shell) => shell switch
    {
        "bash" => Bash,
        "zsh" => Zsh,
        _ => Pwsh,
    };

    private const string Bash = """
        # scrs-matching completion for bash. Load it with: source <(scrs-matching completion bash)
        _scrs_matching_complete()
        {
            local IFS=$'\n'
            local line="${COMP_LINE:0:COMP_POINT}"
            line="${line#"${COMP_WORDS[0]}"}"
            local candidates
            candidates=$("${COMP_WORDS[0]}" "[suggest:${#line}]" "$line" 2>/dev/null)
            COMPREPLY=($(compgen -W "$candidates" -- "${COMP_WORDS[COMP_CWORD]}"))
        }
        complete -o default -F _scrs_matching_complete scrs-matching
        """;

    private const string Zsh = """
        #compdef scrs-matching
        # scrs-matching completion for zsh. Load it with: source <(scrs-matching completion zsh)
        _scrs_matching_complete()
        {
            local line="${BUFFER[1,CURSOR]}"
            line="${line#${words[1]}}"
            local -a candidates
            candidates=("${(@f)$("${words[1]}" "[suggest:${#line}]" "$line" 2>/dev/null)}")
            candidates=(${candidates:#})
            if (( ${#candidates} )); then compadd -a candidates; else _files; fi
        }
        compdef _scrs_matching_complete scrs-matching
        """;

    private const string Pwsh = """
        # scrs-matching completion for PowerShell. Load it with: scrs-matching completion pwsh | Out-String | Invoke-Expression
        Register-ArgumentCompleter -Native -CommandName scrs-matching -ScriptBlock {
            param($wordToComplete, $commandAst, $cursorPosition)
            $name = $commandAst.CommandElements[0].ToString()
            $line = $commandAst.ToString().PadRight($cursorPosition - $commandAst.Extent.StartOffset)
            $line = $line.Substring($name.Length, $cursorPosition - $commandAst.Extent.StartOffset - $name.Length)
            & $name "[suggest:$($line.Length)]" "$line" 2>$null | Where-Object { $_ -like "$wordToComplete*" } | ForEach-Object {
                [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
            }
        }
        """;
}
