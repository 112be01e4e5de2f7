// Reference-only declarations of the nanoFramework.System.Collections 1.5.75 and nanoFramework.System.Text 1.3.42
// members that firmware/core uses: those two packages are not served by the NuGet feed the tests restore from.
// Written member by member from nanoFramework's API documentation (signatures only, no behaviour); each member
// exists in the real assembly with this signature. Nothing more is declared, so a core file that starts using any
// other member of these packages fails the compile test until the member is added here, checked against the docs.
// NanoFrameworkCompiler compiles this file (against the real mscorlib 1.17.11) into a reference assembly; the
// test project itself does not compile it (see the csproj).
namespace System.Collections
{
    /// <summary>nanoFramework's DictionaryEntry is a class with public fields (not a struct as on .NET).</summary>
    public class DictionaryEntry
    {
        public object Key;
        public object Value;

        public DictionaryEntry(object key, object value) { throw null; }
    }

    /// <summary>The real type also implements ICloneable and IDictionary; only the members the core calls are here.</summary>
    public class Hashtable : IEnumerable
    {
        public Hashtable() { throw null; }

        public Hashtable(int capacity) { throw null; }

        public int Count { get { throw null; } }

        public object this[object key] { get { throw null; } set { throw null; } }

        public void Add(object key, object value) { throw null; }

        public bool Contains(object key) { throw null; }

        public void Remove(object key) { throw null; }

        public void Clear() { throw null; }

        public IEnumerator GetEnumerator() { throw null; }
    }
}

namespace System.Text
{
    public abstract class Encoding
    {
        public static Encoding UTF8 { get { throw null; } }

        public virtual byte[] GetBytes(string s) { throw null; }

        public virtual char[] GetChars(byte[] bytes) { throw null; }

        public virtual char[] GetChars(byte[] bytes, int byteIndex, int byteCount) { throw null; }

        public virtual string GetString(byte[] bytes, int index, int count) { throw null; }
    }

    public sealed class StringBuilder
    {
        public StringBuilder() { throw null; }

        public StringBuilder(int capacity) { throw null; }

        public StringBuilder(string value) { throw null; }

        public int Length { get { throw null; } set { throw null; } }

        public char this[int index] { get { throw null; } set { throw null; } }

        public StringBuilder Append(string value) { throw null; }

        public StringBuilder Append(char value) { throw null; }

        public StringBuilder Append(int value) { throw null; }

        public StringBuilder Append(long value) { throw null; }

        public StringBuilder Append(bool value) { throw null; }

        public StringBuilder Append(object value) { throw null; }

        public StringBuilder Replace(string oldValue, string newValue) { throw null; }

        public StringBuilder Clear() { throw null; }

        public override string ToString() { throw null; }
    }
}
