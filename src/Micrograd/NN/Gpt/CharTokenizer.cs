using System.Globalization;
using System.Text;

namespace Micrograd.NN.Gpt;

/// <summary>
/// microgpt's tokenizer: one token per character. The vocabulary is the distinct characters of the documents in code-point
/// order (Python's <c>sorted(set(''.join(docs)))</c>), with ids 0, 1, …; then one more token, BOS (beginning of sequence),
/// whose id is the character count. A document is encoded as BOS, its characters, BOS.
/// </summary>
/// <remarks>Characters are Unicode scalar values (<see cref="Rune"/>), as Python's <c>str</c> counts them, so a character
/// outside the Basic Multilingual Plane is one token.</remarks>
public sealed class CharTokenizer
{
    private readonly Rune[] _characters;
    private readonly Dictionary<Rune, int> _ids;

    private CharTokenizer(Rune[] characters)
    {
        _characters = characters;
        _ids = new Dictionary<Rune, int>(characters.Length);
        for (var i = 0; i < characters.Length; i++) _ids.Add(characters[i], i);
    }

    /// <summary>The vocabulary of <paramref name="documents"/>: their distinct characters, in code-point order.</summary>
    /// <param name="documents">The documents; none may be null. An empty set gives a vocabulary of BOS alone.</param>
    /// <exception cref="ArgumentException">A document is null.</exception>
    public static CharTokenizer FromDocuments(IEnumerable<string> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var set = new HashSet<Rune>();
        foreach (var document in documents)
        {
            if (document is null) throw new ArgumentException("The documents must not contain null.", nameof(documents));
            foreach (var rune in document.EnumerateRunes()) set.Add(rune);
        }
        var characters = set.ToArray();
        Array.Sort(characters);
        return new CharTokenizer(characters);
    }

    /// <summary>A saved vocabulary: its characters in id order, as <see cref="Characters"/> gives them.</summary>
    /// <param name="characters">Distinct characters in increasing code-point order.</param>
    /// <exception cref="ArgumentException">The characters repeat or are out of order.</exception>
    public static CharTokenizer FromCharacters(string characters)
    {
        ArgumentNullException.ThrowIfNull(characters);
        var runes = characters.EnumerateRunes().ToArray();
        for (var i = 1; i < runes.Length; i++)
        {
            if (runes[i - 1].CompareTo(runes[i]) >= 0)
                throw new ArgumentException($"The vocabulary's characters must be distinct and in increasing code-point order; character {i} ({Describe(runes[i])}) is not.", nameof(characters));
        }
        return new CharTokenizer(runes);
    }

    /// <summary>The characters, in id order, as one string.</summary>
    public string Characters => string.Concat(_characters.Select(r => r.ToString()));

    /// <summary>How many characters the vocabulary has (BOS not counted).</summary>
    public int CharacterCount => _characters.Length;

    /// <summary>The id of BOS, the token that starts and ends every document: <see cref="CharacterCount"/>.</summary>
    public int Bos => _characters.Length;

    /// <summary>The number of tokens: the characters and BOS.</summary>
    public int VocabularySize => _characters.Length + 1;

    /// <summary>The id of <paramref name="character"/>, if it is in the vocabulary.</summary>
    /// <param name="character">A character.</param>
    /// <param name="id">Its id, or −1.</param>
    /// <returns>Whether the vocabulary has it.</returns>
    public bool TryGetId(Rune character, out int id)
    {
        if (_ids.TryGetValue(character, out id)) return true;
        id = -1;
        return false;
    }

    /// <summary>The ids of <paramref name="text"/>'s characters (no BOS).</summary>
    /// <param name="text">Text made of the vocabulary's characters.</param>
    /// <returns>A new array.</returns>
    /// <exception cref="ArgumentException">A character is not in the vocabulary; the message names it and its place.</exception>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>(text.Length);
        var place = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            place++;
            if (!_ids.TryGetValue(rune, out var id))
                throw new ArgumentException($"Character {place} of the text, {Describe(rune)}, is not in the vocabulary.", nameof(text));
            ids.Add(id);
        }
        return [.. ids];
    }

    /// <summary>A document as microgpt trains on it: BOS, the ids of its characters, BOS.</summary>
    /// <param name="document">Text made of the vocabulary's characters.</param>
    /// <returns>A new array of the document's length plus 2.</returns>
    /// <exception cref="ArgumentException">A character is not in the vocabulary.</exception>
    public int[] EncodeDocument(string document) => [Bos, .. Encode(document), Bos];

    /// <summary>The text of character ids.</summary>
    /// <param name="ids">Ids of characters (not BOS).</param>
    /// <returns>The characters, concatenated.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An id is BOS or outside the vocabulary.</exception>
    public string Decode(IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var text = new StringBuilder();
        foreach (var id in ids)
        {
            if (id < 0 || id >= _characters.Length)
                throw new ArgumentOutOfRangeException(nameof(ids), id, $"Token {id} is not a character of this vocabulary (0 to {_characters.Length - 1}).");
            text.Append(_characters[id].ToString());
        }
        return text.ToString();
    }

    /// <summary>A character as a message names it: itself and its code point when printable (<c>'é' (U+00E9)</c>), else its
    /// code point alone (<c>U+0009</c>), so that a refused character can be seen.</summary>
    /// <param name="rune">The character.</param>
    public static string Describe(Rune rune) =>
        Rune.IsControl(rune) || Rune.IsWhiteSpace(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned
            ? $"U+{rune.Value:X4}"
            : $"'{rune}' (U+{rune.Value:X4})";
}
