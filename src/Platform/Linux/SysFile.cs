using System;
using System.IO;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace McProxy.Platform.Linux;

/// <summary>
/// Whole small files (/proc, /sys, /etc) through a file handle and pread/pwrite
/// (File.OpenHandle, RandomAccess), not File.ReadAllText/WriteAllText: those go through
/// FileStream, and any Stream roots Stream's virtual async methods, which pull Task, the thread
/// pool and concurrent collections into the Native AOT binary (~95 KB) that a one-threaded
/// daemon never runs. Errors are the exceptions File throws. (ConfigLoader reads the
/// configuration the same way.)
/// </summary>
internal static class SysFile
{
    /// <summary>The file's bytes; a file larger than <paramref name="max"/> bytes is an IOException.</summary>
    public static byte[] ReadAllBytes(string path, int max = 16 << 20)
    {
        using SafeFileHandle handle = File.OpenHandle(path);
        byte[] buffer = new byte[4096];
        int length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (buffer.Length >= max)
                {
                    throw new IOException($"{path}: larger than {max} bytes");
                }

                Array.Resize(ref buffer, Math.Min(buffer.Length * 2, max));
            }

            int n = RandomAccess.Read(handle, buffer.AsSpan(length), length);
            if (n == 0)
            {
                return buffer.AsSpan(0, length).ToArray();
            }

            length += n;
        }
    }

    /// <summary>The file as UTF-8 text (invalid bytes become U+FFFD, as File.ReadAllText does).</summary>
    public static string ReadAllText(string path) => Encoding.UTF8.GetString(ReadAllBytes(path));

    /// <summary>Writes <paramref name="text"/> over an existing file (sysctl files under /proc/sys).</summary>
    public static void WriteAllText(string path, string text)
    {
        using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Write);
        RandomAccess.Write(handle, Encoding.UTF8.GetBytes(text), 0);
    }
}
