using System;
using System.Collections.Generic;
using System.IO;

namespace Stm32Flash.HelpCompiler
{
    public static class Program
    {
        private const string Usage =
            "Usage: Stm32Flash.HelpCompiler --docs <folder> --out <culture folder> --module <module name> --maml <Assembly.dll-Help.xml>";

        public static int Main(string[] args)
        {
            var options = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i + 1 < args.Length; i += 2) options[args[i]] = args[i + 1];
            if (args.Length % 2 != 0 || !options.TryGetValue("--docs", out var docs) || !options.TryGetValue("--out", out var output)
                || !options.TryGetValue("--module", out var module) || !options.TryGetValue("--maml", out var maml))
            {
                Console.Error.WriteLine(Usage);
                return 2;
            }

            docs = Path.GetFullPath(docs);
            output = Path.GetFullPath(output);
            if (!Directory.Exists(docs))
            {
                Console.Error.WriteLine($"{docs}: error HELP002: The docs folder does not exist.");
                return 1;
            }
            var compilation = HelpCompilation.Compile(docs, module, maml);
            if (compilation.Errors.Count > 0)
            {
                foreach (var error in compilation.Errors) Console.Error.WriteLine(error.ToCanonicalError());
                return 1;
            }
            foreach (var file in compilation.Write(output, maml)) Console.WriteLine($"Help: {file}");
            return 0;
        }
    }
}
