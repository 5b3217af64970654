using McProxy.Interop;
using Libc = McProxy.Interop.Interop.Libc;

namespace McProxy.Platform.Multicast;

/// <summary>
/// Claims a kernel multicast routing table on a fresh raw socket, the same way for both families:
/// MRT(6)_TABLE first when a table number is given (it selects the table MRT(6)_INIT then takes),
/// then MRT(6)_INIT. EADDRINUSE means another multicast router holds that table.
/// </summary>
internal static class MrouteTable
{
    public static void Claim(SafeFd fd, int level, int tableOption, int initOption, int table, string family)
    {
        if (table > 0)
        {
            Errno t = Libc.SetSockOptInt(fd, level, tableOption, table);
            if (t != Errno.OK)
            {
                throw new ErrnoException($"{family} MRT_TABLE {table}", t);
            }
        }

        Errno e = Libc.SetSockOptInt(fd, level, initOption, 1);
        if (e == Errno.EADDRINUSE)
        {
            throw new ErrnoException($"{family} multicast routing table {table} is in use by another multicast router (another mcproxy, igmpproxy, smcroute or pimd?)", e);
        }

        if (e != Errno.OK)
        {
            throw new ErrnoException($"{family} MRT_INIT", e);
        }
    }
}
