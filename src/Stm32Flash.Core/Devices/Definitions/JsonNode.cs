using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Stm32Flash.Devices.Definitions
{
    /// <summary>
    /// A parsed JSON value that knows where it came from (file, line, column, path), so that a definition error names
    /// the place. Objects keep their keys in file order. Only what device definitions need: no dependency beyond the BCL.
    /// </summary>
    internal sealed class JsonNode
    {
        private JsonNode(JsonKind kind, string path, string origin, int line, int column)
        {
            Kind = kind;
            Path = path;
            Origin = origin;
            Line = line;
            Column = column;
        }

        public JsonKind Kind { get; }

        /// <summary>Where in the document: $.devices[3].flash.base</summary>
        public string Path { get; }

        public string Origin { get; }

        public int Line { get; }

        public int Column { get; }

        public string? Text { get; private set; }

        public double Number { get; private set; }

        public bool Boolean { get; private set; }

        public IReadOnlyList<JsonNode> Items { get; private set; } = Array.Empty<JsonNode>();

        public IReadOnlyList<KeyValuePair<string, JsonNode>> Members { get; private set; } = Array.Empty<KeyValuePair<string, JsonNode>>();

        public string Where => $"{Origin}:{Line}:{Column} ({Path})";

        /// <summary>The value's text as written in the document (objects and arrays only).</summary>
        public string? Raw { get; private set; }

        public JsonNode? this[string key]
        {
            get
            {
                foreach (var m in Members)
                {
                    if (m.Key == key) return m.Value;
                }
                return null;
            }
        }

        public static JsonNode Parse(string text, string origin) => new Parser(text, origin).ParseDocument();

        private sealed class Parser
        {
            private readonly string _text;
            private readonly string _origin;
            private int _pos;
            private int _line = 1;
            private int _lineStart;

            public Parser(string text, string origin)
            {
                _text = text;
                _origin = origin;
            }

            public JsonNode ParseDocument()
            {
                SkipSpace();
                var root = ParseValue("$");
                SkipSpace();
                if (_pos < _text.Length) throw Error("text after the end of the document");
                return root;
            }

            private const int MaxDepth = 64;
            private int _depth;

            private JsonNode ParseValue(string path)
            {
                SkipSpace();
                if (++_depth > MaxDepth) throw Error($"values nested more than {MaxDepth} deep");
                try
                {
                    return ParseValueAt(path);
                }
                finally
                {
                    _depth--;
                }
            }

            private JsonNode ParseValueAt(string path)
            {
                if (_pos >= _text.Length) throw Error("the document ends where a value was expected");
                var c = _text[_pos];
                var node = new JsonNode(JsonKind.Null, path, _origin, _line, _pos - _lineStart + 1);
                if (c == '{' || c == '[') _start.Push(_pos);
                switch (c)
                {
                    case '{': return Raw(ParseObject(node), _pos);
                    case '[': return Raw(ParseArray(node), _pos);
                    case '"': return With(node, JsonKind.String, n => n.Text = ParseString());
                    case 't': Expect("true"); return With(node, JsonKind.Boolean, n => n.Boolean = true);
                    case 'f': Expect("false"); return With(node, JsonKind.Boolean, n => n.Boolean = false);
                    case 'n': Expect("null"); return node;
                    default:
                        if (c == '-' || (c >= '0' && c <= '9')) return With(node, JsonKind.Number, n => n.Number = ParseNumber());
                        throw Error($"'{c}' where a value was expected");
                }
            }

            // Called after parsing; the value started where the node's line and column say.
            private JsonNode Raw(JsonNode parsed, int end)
            {
                var start = _start.Pop();
                parsed.Raw = _text.Substring(start, end - start);
                return parsed;
            }

            private readonly Stack<int> _start = new Stack<int>();

            private static JsonNode With(JsonNode node, JsonKind kind, Action<JsonNode> fill)
            {
                var result = new JsonNode(kind, node.Path, node.Origin, node.Line, node.Column);
                fill(result);
                return result;
            }

            private JsonNode ParseObject(JsonNode at)
            {
                var node = new JsonNode(JsonKind.Object, at.Path, at.Origin, at.Line, at.Column);
                var members = new List<KeyValuePair<string, JsonNode>>();
                _pos++;
                SkipSpace();
                if (Peek() == '}') { _pos++; node.Members = members; return node; }
                while (true)
                {
                    SkipSpace();
                    if (Peek() != '"') throw Error("a member name in double quotes was expected");
                    var key = ParseString();
                    foreach (var m in members)
                    {
                        if (m.Key == key) throw Error($"\"{key}\" appears twice in one object");
                    }
                    SkipSpace();
                    if (Peek() != ':') throw Error($"':' was expected after \"{key}\"");
                    _pos++;
                    members.Add(new KeyValuePair<string, JsonNode>(key, ParseValue(at.Path + "." + key)));
                    SkipSpace();
                    var c = Peek();
                    _pos++;
                    if (c == '}') break;
                    if (c != ',') { _pos--; throw Error("',' or '}' was expected"); }
                }
                node.Members = members;
                return node;
            }

            private JsonNode ParseArray(JsonNode at)
            {
                var node = new JsonNode(JsonKind.Array, at.Path, at.Origin, at.Line, at.Column);
                var items = new List<JsonNode>();
                _pos++;
                SkipSpace();
                if (Peek() == ']') { _pos++; node.Items = items; return node; }
                while (true)
                {
                    items.Add(ParseValue($"{at.Path}[{items.Count}]"));
                    SkipSpace();
                    var c = Peek();
                    _pos++;
                    if (c == ']') break;
                    if (c != ',') { _pos--; throw Error("',' or ']' was expected"); }
                }
                node.Items = items;
                return node;
            }

            private string ParseString()
            {
                _pos++;
                var sb = new StringBuilder();
                while (true)
                {
                    if (_pos >= _text.Length) throw Error("a string is not closed");
                    var c = _text[_pos++];
                    if (c == '"') return sb.ToString();
                    if (c == '\n') throw Error("a string runs past the end of its line");
                    if (c != '\\') { sb.Append(c); continue; }
                    if (_pos >= _text.Length) throw Error("a string is not closed");
                    var e = _text[_pos++];
                    switch (e)
                    {
                        case '"': case '\\': case '/': sb.Append(e); break;
                        case 'b': sb.Append('\b'); break;
                        case 'f': sb.Append('\f'); break;
                        case 'n': sb.Append('\n'); break;
                        case 'r': sb.Append('\r'); break;
                        case 't': sb.Append('\t'); break;
                        case 'u':
                            if (_pos + 4 > _text.Length || !ushort.TryParse(_text.Substring(_pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var u))
                                throw Error("\\u must be followed by four hex digits");
                            sb.Append((char)u);
                            _pos += 4;
                            break;
                        default: throw Error($"unknown escape \\{e}");
                    }
                }
            }

            private double ParseNumber()
            {
                var start = _pos;
                while (_pos < _text.Length && "+-0123456789.eE".IndexOf(_text[_pos]) >= 0) _pos++;
                var s = _text.Substring(start, _pos - start);
                if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) throw Error($"'{s}' is not a number");
                return d;
            }

            private void Expect(string word)
            {
                if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0) throw Error($"'{word}' was expected");
                _pos += word.Length;
            }

            private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

            private void SkipSpace()
            {
                while (_pos < _text.Length)
                {
                    var c = _text[_pos];
                    if (c == '\n') { _line++; _lineStart = _pos + 1; }
                    else if (c != ' ' && c != '\t' && c != '\r' && c != '\uFEFF') return;
                    _pos++;
                }
            }

            private DeviceDefinitionException Error(string what) =>
                new DeviceDefinitionException($"{_origin}:{_line}:{_pos - _lineStart + 1}: not valid JSON: {what}.");
        }
    }

    internal enum JsonKind
    {
        Null,
        Boolean,
        Number,
        String,
        Array,
        Object,
    }
}
