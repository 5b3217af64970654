/*
 * inject: crafted IGMP/MLD packets for the hardening tests and the benchmarks.
 *
 * Packets are written whole (IPv4 or IPv6 header, options, IGMP/ICMPv6 message) and sent
 * through an AF_PACKET socket out of one named interface, so TTL/hop limit, IP options,
 * header and message checksums, lengths and the source address are all under our control
 * (the kernel fills in nothing). Messages longer than the link MTU are sent as IP fragments
 * built here. Layouts: RFC 791 (IPv4), RFC 2113 (Router Alert), RFC 1112/2236/3376 (IGMP),
 * RFC 8200 (IPv6, hop-by-hop and fragment headers), RFC 2711 (IPv6 Router Alert),
 * RFC 2710/3810 (MLD), RFC 4443 §2.3 (ICMPv6 checksum).
 *
 *   inject list                                  names of the malformed-input corpus
 *   inject case NAME|all|v4|v6 -i IF [-n N]      sends the case(s), each N times (default 3, max 20)
 *   inject flood -i IF -r RATE -t SECONDS [-c MAX] [-G POOL] [-S MAXSRC] [-x SEED] [-H]
 *       valid IGMPv3 reports with one random record (random type, group 239.x or one of a pool
 *       of POOL groups from 239.200.0.0, 0..MAXSRC random sources), from the interface address
 *       (or, with -H, random hosts of its /24). Caps: RATE <= 100000/s, SECONDS <= 120,
 *       MAX <= 5,000,000 reports. Prints "sent=N" and "elapsed_ms=T".
 *       -T TYPE: instead, 8-byte IGMP messages of that type (e.g. 19 = 0x13, DVMRP: not a
 *       membership message) to 224.0.0.22 with a random group field.
 *   inject data -i IF -s SRC -g GROUP [-n N] [-w MS]
 *       UDP datagrams (port 5000, TTL 8) to GROUP from the given (spoofed) SRC: N (at most 100)
 *       W ms apart.
 *   inject dataflood -i IF -r RATE -t SECONDS [-c MAX] [-x SEED]
 *       UDP datagrams, each to a random (S,G): S in 172.16.0.0/12, G in 239.0.0.0/8. Same caps
 *       as flood. Prints "sent=N" and "elapsed_ms=T".
 *   inject joinmany -i IF -g FIRST -n COUNT [-r RATE] [-l]
 *       IGMPv3 reports joining (EXCLUDE {}) COUNT consecutive groups from FIRST (IPv4, at most
 *       100,000), 40 records per report, at RATE reports/s (default 200). -l: leave them (TO_IN {}).
 *   inject waitquery -i IF -t SECONDS
 *       Sniffs the link for the first IGMP query (AF_PACKET); prints "query_at=T" (CLOCK_REALTIME
 *       ms, comparable with `date +%s%3N`) or "query_at=-1".
 *   inject query -i IF -s SRC -d DST [-g GROUP] [-q QRV] [-Q QQIC] [-m CODE] [-n N] [-w MS]
 *       A forged IGMPv3 query (RFC 3376 §4.1) from SRC to DST: general, or for GROUP; robustness
 *       QRV (default 2, 0..7), QQIC (default 125, the raw code), Max Resp Code CODE (default 100).
 *   inject leave -i IF -s SRC -g GROUP [-3] [-n N] [-w MS]
 *       A forged leave of GROUP from SRC: an IGMPv2 leave to 224.0.0.2, or with -3 an IGMPv3
 *       report with TO_IN({}) to 224.0.0.22.
 *   inject report -i IF -s SRC -g GROUP [-n N] [-w MS]
 *       An IGMPv2 report of GROUP from SRC, sent to GROUP.
 *       query/leave/report send N packets (default 1; at most 100) W ms apart (default 1000,
 *       at least 10): bounded in count and time.
 *   inject data -i IF -s SRC -g GROUP [-n N] [-w MS]
 *       A UDP datagram (port 9, TTL 16) to GROUP with the forged source address SRC: data that
 *       claims to come from someone else's source (N and MS bounded as above).
 *   inject dataflood -i IF -r RATE -t SECONDS [-c MAX] [-x SEED]
 *       UDP datagrams (port 9, TTL 16), each from a random host of the interface's /24 to a
 *       random group 239.x.y.z: a new (S,G) almost every packet. Caps: RATE <= 100000/s,
 *       SECONDS <= 120, MAX <= 5,000,000. Prints "sent=N", "elapsed_ms=T" and "rate=R".
 *
 * Every packet goes only out of the named interface (meant for test network namespaces).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAXPKT 70000
#define MTU 1500

static int g_fd = -1, g_ifindex;
static struct in_addr g_src4;          /* interface IPv4 address */
static struct in6_addr g_ll6, g_gl6;   /* link-local and global IPv6 addresses */
static int g_have_ll6, g_have_gl6;
static long g_sent;
static uint16_t g_ipid = 1;

static void die(const char *what)
{
    fprintf(stderr, "inject: %s: %s\n", what, strerror(errno));
    exit(2);
}

static long long mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static long long real_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* xorshift64*: reproducible random numbers from a seed. */
static uint64_t g_rng = 88172645463325252ull;
static uint32_t rnd(void)
{
    g_rng ^= g_rng >> 12;
    g_rng ^= g_rng << 25;
    g_rng ^= g_rng >> 27;
    return (uint32_t)((g_rng * 2685821657736338717ull) >> 32);
}

/* ---------- checksums ---------- */

static uint32_t sum16(const uint8_t *p, size_t n, uint32_t acc)
{
    for (size_t i = 0; i + 1 < n; i += 2)
        acc += (uint32_t)(p[i] << 8 | p[i + 1]);
    if (n & 1)
        acc += (uint32_t)(p[n - 1] << 8);
    return acc;
}

static uint16_t fold(uint32_t acc)
{
    while (acc >> 16)
        acc = (acc & 0xffff) + (acc >> 16);
    return (uint16_t)~acc;
}

static void put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }

/* ---------- link ---------- */

static void open_link(const char *ifname)
{
    g_ifindex = (int)if_nametoindex(ifname);
    if (!g_ifindex)
        die("if_nametoindex");
    g_fd = socket(AF_PACKET, SOCK_DGRAM, 0);
    if (g_fd < 0)
        die("socket(AF_PACKET)");
    struct ifaddrs *list, *a;
    if (getifaddrs(&list) < 0)
        die("getifaddrs");
    for (a = list; a; a = a->ifa_next) {
        if (!a->ifa_addr || strcmp(a->ifa_name, ifname) != 0)
            continue;
        if (a->ifa_addr->sa_family == AF_INET) {
            g_src4 = ((struct sockaddr_in *)a->ifa_addr)->sin_addr;
        } else if (a->ifa_addr->sa_family == AF_INET6) {
            struct in6_addr *x = &((struct sockaddr_in6 *)a->ifa_addr)->sin6_addr;
            if (IN6_IS_ADDR_LINKLOCAL(x)) { g_ll6 = *x; g_have_ll6 = 1; }
            else { g_gl6 = *x; g_have_gl6 = 1; }
        }
    }
    freeifaddrs(list);
}

static void send_frame(int v6, const uint8_t *dst_ip, const uint8_t *frame, size_t len)
{
    struct sockaddr_ll ll = { .sll_family = AF_PACKET, .sll_ifindex = g_ifindex, .sll_halen = 6 };
    if (v6) {
        ll.sll_protocol = htons(ETH_P_IPV6);
        ll.sll_addr[0] = 0x33; ll.sll_addr[1] = 0x33;
        memcpy(&ll.sll_addr[2], dst_ip + 12, 4);
    } else {
        ll.sll_protocol = htons(ETH_P_IP);
        ll.sll_addr[0] = 0x01; ll.sll_addr[1] = 0x00; ll.sll_addr[2] = 0x5e;
        ll.sll_addr[3] = dst_ip[1] & 0x7f; ll.sll_addr[4] = dst_ip[2]; ll.sll_addr[5] = dst_ip[3];
    }
    /* A full socket buffer is retried briefly: floods are paced, but bursts happen. */
    for (int tries = 0; tries < 100; tries++) {
        if (sendto(g_fd, frame, len, 0, (struct sockaddr *)&ll, sizeof(ll)) >= 0) {
            g_sent++;
            return;
        }
        if (errno != ENOBUFS && errno != EAGAIN)
            die("sendto");
        usleep(1000);
    }
}

/* ---------- IPv4 ---------- */

struct v4 {
    uint32_t src, dst;            /* network order */
    int ttl;
    int proto;                    /* 0 = IGMP */
    const uint8_t *opt; int optlen; /* options (multiple of 4), NULL = Router Alert */
    int no_ra;                    /* no options at all */
    int bad_ipsum;
};

static const uint8_t RA4[4] = { 0x94, 0x04, 0x00, 0x00 };

static size_t v4_header(uint8_t *h, const struct v4 *s, size_t payload, uint16_t frag, uint16_t id, int with_opts)
{
    const uint8_t *opt = s->no_ra ? NULL : (s->opt ? s->opt : RA4);
    int optlen = s->no_ra ? 0 : (s->opt ? s->optlen : 4);
    if (!with_opts) { opt = NULL; optlen = 0; }
    size_t hl = 20 + (size_t)optlen;
    memset(h, 0, hl);
    h[0] = (uint8_t)(0x40 | (hl / 4));
    h[1] = 0xc0;                   /* DSCP CS6, as IGMP senders use */
    put16(h + 2, (uint16_t)(hl + payload));
    put16(h + 4, id);
    put16(h + 6, frag);
    h[8] = (uint8_t)s->ttl;
    h[9] = (uint8_t)(s->proto ? s->proto : 2);   /* IGMP unless told */
    memcpy(h + 12, &s->src, 4);
    memcpy(h + 16, &s->dst, 4);
    if (optlen)
        memcpy(h + 20, opt, (size_t)optlen);
    uint16_t c = fold(sum16(h, hl, 0));
    if (s->bad_ipsum)
        c ^= 0x5a5a;
    put16(h + 10, c);
    return hl;
}

/* Sends an IGMP message in one IPv4 packet, or in fragments when it exceeds the MTU. */
static void send_v4(const struct v4 *s, const uint8_t *msg, size_t len)
{
    static uint8_t frame[MAXPKT];
    uint16_t id = g_ipid++;
    size_t hl = v4_header(frame, s, len, 0, id, 1);
    if (hl + len <= MTU) {
        memcpy(frame + hl, msg, len);
        send_frame(0, (const uint8_t *)&s->dst, frame, hl + len);
        return;
    }
    /* RFC 791 fragmentation: 8-byte aligned pieces; options only in the first fragment. */
    size_t off = 0;
    while (off < len) {
        int first = off == 0;
        size_t h = v4_header(frame, s, 0, 0, id, first);
        size_t room = ((MTU - h) / 8) * 8, n = len - off < room ? len - off : room;
        int more = off + n < len;
        h = v4_header(frame, s, n, (uint16_t)((more ? 0x2000 : 0) | (off / 8)), id, first);
        memcpy(frame + h, msg + off, n);
        send_frame(0, (const uint8_t *)&s->dst, frame, h + n);
        off += n;
    }
}

static uint32_t ip4(const char *text)
{
    struct in_addr a;
    if (inet_pton(AF_INET, text, &a) != 1) {
        fprintf(stderr, "inject: bad IPv4 address %s\n", text);
        exit(2);
    }
    return a.s_addr;
}

static struct v4 v4_default(const char *dst)
{
    struct v4 s = { .src = g_src4.s_addr, .dst = ip4(dst), .ttl = 1 };
    return s;
}

/* ---------- IGMP messages ---------- */

static size_t igmp_simple(uint8_t *m, uint8_t type, uint8_t code, uint32_t group)
{
    m[0] = type; m[1] = code; m[2] = m[3] = 0;
    memcpy(m + 4, &group, 4);
    put16(m + 2, fold(sum16(m, 8, 0)));
    return 8;
}

/* An IGMPv3 report under construction (RFC 3376 §4.2). */
struct report { uint8_t *m; size_t len; int records; int v6; };

static void report_begin(struct report *r, uint8_t *buf, int v6)
{
    r->m = buf; r->len = 8; r->records = 0; r->v6 = v6;
    memset(buf, 0, 8);
    buf[0] = v6 ? 143 : 0x22;
}

/* Appends a record. nsrc_field is what the header claims; present sources are written;
 * aux_words is claimed, aux_present words of zeros are written. */
static void report_record(struct report *r, uint8_t type, const void *group, int nsrc_field,
                          const void *sources, int present, int aux_words, int aux_present)
{
    int al = r->v6 ? 16 : 4;
    uint8_t *p = r->m + r->len;
    p[0] = type; p[1] = (uint8_t)aux_words;
    put16(p + 2, (uint16_t)nsrc_field);
    memcpy(p + 4, group, (size_t)al);
    memcpy(p + 4 + al, sources, (size_t)(present * al));
    memset(p + 4 + al + present * al, 0, (size_t)aux_present * 4);
    r->len += 4 + (size_t)al + (size_t)(present * al) + (size_t)aux_present * 4;
    r->records++;
}

/* Finishes an IGMPv3 report: record count (or a claimed one) and checksum. */
static size_t report_finish4(struct report *r, int claimed_records, int bad_sum)
{
    put16(r->m + 6, (uint16_t)(claimed_records >= 0 ? claimed_records : r->records));
    r->m[2] = r->m[3] = 0;
    uint16_t c = fold(sum16(r->m, r->len, 0));
    put16(r->m + 2, bad_sum ? (uint16_t)(c ^ 0x1234) : c);
    return r->len;
}

static size_t igmp_v3_query(uint8_t *m, uint32_t group, int nsrc_field, const uint32_t *src, int present)
{
    memset(m, 0, 12);
    m[0] = 0x11; m[1] = 100;
    memcpy(m + 4, &group, 4);
    m[8] = 2; m[9] = 125;
    put16(m + 10, (uint16_t)nsrc_field);
    memcpy(m + 12, src, (size_t)present * 4);
    size_t len = 12 + (size_t)present * 4;
    put16(m + 2, fold(sum16(m, len, 0)));
    return len;
}

/* ---------- IPv6 / MLD ---------- */

struct v6 {
    struct in6_addr src, dst;
    int hops;
    int no_ra;
    int bad_sum;
};

static struct in6_addr ip6(const char *text)
{
    struct in6_addr a;
    if (inet_pton(AF_INET6, text, &a) != 1) {
        fprintf(stderr, "inject: bad IPv6 address %s\n", text);
        exit(2);
    }
    return a;
}

static struct v6 v6_default(const char *dst)
{
    if (!g_have_ll6) {
        fprintf(stderr, "inject: the interface has no IPv6 link-local address\n");
        exit(2);
    }
    struct v6 s = { .src = g_ll6, .dst = ip6(dst), .hops = 1 };
    return s;
}

static uint16_t icmp6_sum(const struct v6 *s, const uint8_t *m, size_t len)
{
    uint8_t ph[40];
    memcpy(ph, &s->src, 16);
    memcpy(ph + 16, &s->dst, 16);
    ph[32] = (uint8_t)(len >> 24); ph[33] = (uint8_t)(len >> 16); ph[34] = (uint8_t)(len >> 8); ph[35] = (uint8_t)len;
    ph[36] = ph[37] = ph[38] = 0; ph[39] = 58;
    uint16_t c = fold(sum16(m, len, sum16(ph, 40, 0)));
    return s->bad_sum ? (uint16_t)(c ^ 0x1234) : c;
}

/* Sends an ICMPv6 message (checksum field at offset 2 filled in here) with a hop-by-hop
 * Router Alert (RFC 2711, value 0 = MLD), fragmenting (RFC 8200 §4.5) above the MTU. */
static void send_v6(const struct v6 *s, uint8_t *msg, size_t len)
{
    static uint8_t frame[MAXPKT];
    msg[2] = msg[3] = 0;
    put16(msg + 2, icmp6_sum(s, msg, len));
    size_t hbh = s->no_ra ? 0 : 8;
    size_t room = MTU - 40 - hbh;
    int fragment = len > room;
    size_t fh = fragment ? 8 : 0;
    uint32_t id = (uint32_t)rnd();
    size_t off = 0;
    do {
        size_t n = len - off;
        if (fragment) {
            size_t cap = ((MTU - 40 - hbh - fh) / 8) * 8;
            if (n > cap)
                n = cap;
        }
        uint8_t *h = frame;
        memset(h, 0, 40);
        h[0] = 0x60;
        put16(h + 4, (uint16_t)(hbh + fh + n));
        h[6] = s->no_ra ? (fragment ? 44 : 58) : 0;
        h[7] = (uint8_t)s->hops;
        memcpy(h + 8, &s->src, 16);
        memcpy(h + 24, &s->dst, 16);
        uint8_t *p = h + 40;
        if (hbh) {
            p[0] = fragment ? 44 : 58; p[1] = 0;
            p[2] = 5; p[3] = 2; p[4] = 0; p[5] = 0;   /* Router Alert, MLD */
            p[6] = 1; p[7] = 0;                        /* PadN */
            p += 8;
        }
        if (fragment) {
            int more = off + n < len;
            p[0] = 58; p[1] = 0;
            put16(p + 2, (uint16_t)(off | (more ? 1 : 0)));
            p[4] = (uint8_t)(id >> 24); p[5] = (uint8_t)(id >> 16); p[6] = (uint8_t)(id >> 8); p[7] = (uint8_t)id;
            p += 8;
        }
        memcpy(p, msg + off, n);
        send_frame(1, (const uint8_t *)&s->dst, frame, (size_t)(p - frame) + n);
        off += n;
    } while (off < len);
}

/* MLDv1 message (RFC 2710 §3): type, code, checksum, max delay, reserved, address. */
static size_t mld_v1(uint8_t *m, uint8_t type, const char *group)
{
    memset(m, 0, 24);
    m[0] = type;
    struct in6_addr g = ip6(group);
    memcpy(m + 8, &g, 16);
    return 24;
}

static size_t mld_v2_query(uint8_t *m, const char *group, int nsrc_field, int present)
{
    memset(m, 0, 28 + present * 16);
    m[0] = 130;
    put16(m + 4, 10000);
    struct in6_addr g = ip6(group);
    memcpy(m + 8, &g, 16);
    m[24] = 2; m[25] = 125;
    put16(m + 26, (uint16_t)nsrc_field);
    for (int i = 0; i < present; i++) {
        struct in6_addr a = ip6("fd01::2");
        a.s6_addr[15] = (uint8_t)(i + 2);
        memcpy(m + 28 + i * 16, &a, 16);
    }
    return 28 + (size_t)present * 16;
}

/* ---------- the corpus ---------- */

/* Groups of malformed cases live in 239.66.0.0/16 / ff15::66:*: none may ever be subscribed.
 * Odd-but-valid cases use 239.77.0.0/16 / ff15::77:* (may be subscribed, within limits). */
static uint8_t M[MAXPKT], S[MAXPKT];
static struct report R;

static uint32_t g4(int n) { char b[32]; snprintf(b, sizeof b, "239.66.0.%d", n); return ip4(b); }

static void v4_sources(int count, uint32_t base)
{
    for (int i = 0; i < count; i++) {
        uint32_t a = htonl(ntohl(base) + (uint32_t)i);
        memcpy(S + i * 4, &a, 4);
    }
}

static void c_v4_truncated_header(void)   /* 4 bytes of a v2 report */
{
    struct v4 s = v4_default("239.66.0.1");
    igmp_simple(M, 0x16, 0, g4(1));
    send_v4(&s, M, 4);
}

static void c_v4_truncated_v3(void)       /* a v3 report cut inside its only record */
{
    struct v4 s = v4_default("224.0.0.22");
    uint32_t g = g4(2);
    report_begin(&R, M, 0);
    report_record(&R, 2, &g, 0, S, 0, 0, 0);
    size_t n = report_finish4(&R, -1, 0);
    send_v4(&s, M, n - 3);
}

static void c_v4_zero_length(void)        /* an IGMP packet with no payload */
{
    struct v4 s = v4_default("224.0.0.22");
    send_v4(&s, M, 0);
}

static void c_v4_bad_checksum_v2(void)
{
    struct v4 s = v4_default("239.66.0.3");
    igmp_simple(M, 0x16, 0, g4(3));
    M[2] ^= 0x40;
    send_v4(&s, M, 8);
}

static void c_v4_bad_checksum_v3(void)
{
    struct v4 s = v4_default("224.0.0.22");
    uint32_t g = g4(4);
    report_begin(&R, M, 0);
    report_record(&R, 4, &g, 0, S, 0, 0, 0);
    send_v4(&s, M, report_finish4(&R, -1, 1));
}

static void c_v4_bad_ip_checksum(void)    /* the receiving kernel drops it */
{
    struct v4 s = v4_default("239.66.0.5");
    s.bad_ipsum = 1;
    send_v4(&s, M, igmp_simple(M, 0x16, 0, g4(5)));
}

static void c_v4_record_count_large(void) /* claims 500 records, carries one */
{
    struct v4 s = v4_default("224.0.0.22");
    uint32_t g = g4(6);
    report_begin(&R, M, 0);
    report_record(&R, 4, &g, 0, S, 0, 0, 0);
    send_v4(&s, M, report_finish4(&R, 500, 0));
}

static void c_v4_source_count_large(void) /* a record claiming 1000 sources, carrying 2 */
{
    struct v4 s = v4_default("224.0.0.22");
    uint32_t g = g4(7);
    v4_sources(2, ip4("10.1.0.2"));
    report_begin(&R, M, 0);
    report_record(&R, 1, &g, 1000, S, 2, 0, 0);
    send_v4(&s, M, report_finish4(&R, -1, 0));
}

static void c_v4_huge_aux(void)           /* aux data length 255 words, none present */
{
    struct v4 s = v4_default("224.0.0.22");
    uint32_t g = g4(8);
    report_begin(&R, M, 0);
    report_record(&R, 4, &g, 0, S, 0, 255, 0);
    send_v4(&s, M, report_finish4(&R, -1, 0));
}

static void c_v4_query_bad_length(void)   /* 9..11 bytes: RFC 3376 §7.1 says ignore */
{
    struct v4 s = v4_default("224.0.0.1");
    s.src = ip4("10.2.0.200");
    uint32_t zero = 0;
    igmp_v3_query(M, zero, 0, NULL, 0);
    M[2] = M[3] = 0;
    put16(M + 2, fold(sum16(M, 10, 0)));
    send_v4(&s, M, 10);
}

static void c_v4_query_source_count_large(void)
{
    struct v4 s = v4_default("239.66.0.9");
    s.src = ip4("10.2.0.200");
    send_v4(&s, M, igmp_v3_query(M, g4(9), 300, NULL, 0));
}

static void c_v4_general_query_with_sources(void)
{
    struct v4 s = v4_default("224.0.0.1");
    s.src = ip4("10.2.0.200");
    uint32_t src[2] = { ip4("10.1.0.2"), ip4("10.1.0.3") };
    send_v4(&s, M, igmp_v3_query(M, 0, 2, src, 2));
}

static void c_v4_ttl(void)                /* TTL 2 and 64: RFC 3376 §4 wants 1 */
{
    struct v4 s = v4_default("239.66.0.10");
    s.ttl = 2;
    send_v4(&s, M, igmp_simple(M, 0x16, 0, g4(10)));
    s = v4_default("224.0.0.22");
    s.ttl = 64;
    uint32_t g = g4(11);
    report_begin(&R, M, 0);
    report_record(&R, 2, &g, 0, S, 0, 0, 0);
    send_v4(&s, M, report_finish4(&R, -1, 0));
}

static void c_v4_unicast_group(void)
{
    struct v4 s = v4_default("224.0.0.2");
    send_v4(&s, M, igmp_simple(M, 0x16, 0, ip4("10.66.0.1")));
    send_v4(&s, M, igmp_simple(M, 0x12, 0, ip4("0.0.0.0")));
    send_v4(&s, M, igmp_simple(M, 0x16, 0, ip4("255.255.255.255")));
    s = v4_default("224.0.0.22");
    uint32_t g = ip4("10.66.0.2");
    report_begin(&R, M, 0);
    report_record(&R, 2, &g, 0, S, 0, 0, 0);
    send_v4(&s, M, report_finish4(&R, -1, 0));
}

static void c_v4_link_local_group(void)
{
    /* To 224.0.0.2 (which routers join): a router's kernel does not deliver 224.0.0.x
     * traffic for groups it has not joined, so a report sent to 224.0.0.5 never arrives. */
    struct v4 s = v4_default("224.0.0.2");
    send_v4(&s, M, igmp_simple(M, 0x16, 0, ip4("224.0.0.5")));
    send_v4(&s, M, igmp_simple(M, 0x17, 0, ip4("224.0.0.251")));
    s = v4_default("224.0.0.22");
    uint32_t g[3] = { ip4("224.0.0.251"), ip4("224.0.0.1"), ip4("224.0.0.22") };
    report_begin(&R, M, 0);
    for (int i = 0; i < 3; i++)
        report_record(&R, 2, &g[i], 0, S, 0, 0, 0);
    send_v4(&s, M, report_finish4(&R, -1, 0));
}

/* Reports from multicast/broadcast sources: the receiving kernel drops these martians itself. */
static void c_v4_strange_sources(void)
{
    const char *srcs[] = { "239.1.1.1", "255.255.255.255", "224.0.0.1" };
    for (int i = 0; i < 3; i++) {
        struct v4 s = v4_default("239.66.0.12");
        s.src = ip4(srcs[i]);
        send_v4(&s, M, igmp_simple(M, 0x16, 0, g4(12)));
    }
}

static void c_v4_strange_queriers(void)   /* queries from 0.0.0.0, loopback, multicast, off-link */
{
    const char *srcs[] = { "0.0.0.0", "127.0.0.1", "224.0.0.1", "1.2.3.4", "255.255.255.255" };
    for (int i = 0; i < 5; i++) {
        struct v4 s = v4_default("224.0.0.1");
        s.src = ip4(srcs[i]);
        send_v4(&s, M, igmp_v3_query(M, 0, 0, NULL, 0));
    }
}

static void c_v4_odd_options(void)        /* valid v2 reports behind unusual option sets */
{
    static const uint8_t nops[40] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                                      1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0x94, 4, 0, 0 };
    static const uint8_t rr[12] = { 7, 11, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0 };      /* record route */
    static const uint8_t ts[12] = { 68, 12, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0 };     /* timestamp */
    static const uint8_t unknown[8] = { 0x9e, 6, 1, 2, 3, 4, 0x94, 4 };  /* unknown + RA (4 more below) */
    static const uint8_t eol_first[4] = { 0, 0x94, 4, 0 };               /* EOL before RA */
    struct v4 s = v4_default("239.77.0.1");
    s.no_ra = 1;
    send_v4(&s, M, igmp_simple(M, 0x16, 0, ip4("239.77.0.1")));
    s = v4_default("239.77.0.2"); s.opt = nops; s.optlen = 40;
    send_v4(&s, M, igmp_simple(M, 0x16, 0, ip4("239.77.0.2")));
    s = v4_default("239.77.0.3"); s.opt = rr; s.optlen = 12;
    send_v4(&s, M, igmp_simple(M, 0x16, 0, ip4("239.77.0.3")));
    s = v4_default("239.77.0.4"); s.opt = ts; s.optlen = 12;
    send_v4(&s, M, igmp_simple(M, 0x16, 0, ip4("239.77.0.4")));
    uint8_t u[12];
    memcpy(u, unknown, 8); u[8] = 0; u[9] = 0; u[10] = 0; u[11] = 0;
    s = v4_default("239.77.0.5"); s.opt = u; s.optlen = 12;
    send_v4(&s, M, igmp_simple(M, 0x16, 0, ip4("239.77.0.5")));
    s = v4_default("239.77.0.6"); s.opt = eol_first; s.optlen = 4;
    send_v4(&s, M, igmp_simple(M, 0x16, 0, ip4("239.77.0.6")));
}

static void c_v4_broken_options(void)     /* option lengths that run past the header */
{
    static const uint8_t bad1[4] = { 0x94, 40, 0, 0 };
    static const uint8_t bad2[4] = { 7, 1, 0, 0 };
    struct v4 s = v4_default("239.66.0.13"); s.opt = bad1; s.optlen = 4;
    send_v4(&s, M, igmp_simple(M, 0x16, 0, g4(13)));
    s = v4_default("239.66.0.13"); s.opt = bad2; s.optlen = 4;
    send_v4(&s, M, igmp_simple(M, 0x16, 0, g4(13)));
}

static void c_v4_unknown_types(void)      /* DVMRP, mtrace, type 0: silently not ours */
{
    uint8_t types[] = { 0x13, 0x1e, 0x1f, 0x00, 0xff };
    struct v4 s = v4_default("224.0.0.22");
    for (int i = 0; i < 5; i++)
        send_v4(&s, M, igmp_simple(M, types[i], 0, g4(14)));
}

static void c_v4_many_sources(void)       /* 3,000 sources (12 KB, fragmented): valid, limited */
{
    struct v4 s = v4_default("224.0.0.22");
    uint32_t g = ip4("239.77.1.1");
    v4_sources(3000, ip4("10.50.0.1"));
    report_begin(&R, M, 0);
    report_record(&R, 5, &g, 3000, S, 3000, 0, 0);     /* ALLOW 3000 sources */
    send_v4(&s, M, report_finish4(&R, -1, 0));
}

static void c_v4_huge_report(void)        /* 6,000 sources (24 KB, fragmented): valid; capped like 239.77.1.1 */
{
    struct v4 s = v4_default("224.0.0.22");
    uint32_t g = ip4("239.77.1.2");
    v4_sources(6000, ip4("10.60.0.1"));
    report_begin(&R, M, 0);
    report_record(&R, 5, &g, 6000, S, 6000, 0, 0);
    send_v4(&s, M, report_finish4(&R, -1, 0));
}

static void c_v4_zero_records(void)       /* valid and empty */
{
    struct v4 s = v4_default("224.0.0.22");
    report_begin(&R, M, 0);
    send_v4(&s, M, report_finish4(&R, -1, 0));
}

/* --- MLD --- */

static void c_v6_global_source(void)      /* RFC 3810 §5.2.13: reports from outside fe80::/10 */
{
    if (!g_have_gl6)
        return;
    struct v6 s = v6_default("ff02::16");
    s.src = g_gl6;
    struct in6_addr g = ip6("ff15::66:1");
    report_begin(&R, M, 1);
    report_record(&R, 4, &g, 0, S, 0, 0, 0);
    put16(M + 6, 1);
    send_v6(&s, M, R.len);
    s = v6_default("ff15::66:2");
    s.src = g_gl6;
    send_v6(&s, M, mld_v1(M, 131, "ff15::66:2"));
}

static void c_v6_hop_limit(void)
{
    struct v6 s = v6_default("ff15::66:3");
    s.hops = 2;
    send_v6(&s, M, mld_v1(M, 131, "ff15::66:3"));
    s = v6_default("ff02::16");
    s.hops = 255;
    struct in6_addr g = ip6("ff15::66:4");
    report_begin(&R, M, 1);
    report_record(&R, 4, &g, 0, S, 0, 0, 0);
    put16(M + 6, 1);
    send_v6(&s, M, R.len);
}

static void c_v6_bad_checksum(void)       /* the receiving kernel drops it */
{
    struct v6 s = v6_default("ff15::66:5");
    s.bad_sum = 1;
    send_v6(&s, M, mld_v1(M, 131, "ff15::66:5"));
}

static void c_v6_truncated(void)
{
    struct v6 s = v6_default("ff02::16");
    memset(M, 0, 8);
    M[0] = 143;
    send_v6(&s, M, 6);                     /* shorter than the v2 report header */
    s = v6_default("ff15::66:6");
    mld_v1(M, 131, "ff15::66:6");
    send_v6(&s, M, 20);                    /* v1 report cut in its address */
}

static void c_v6_counts_past_end(void)
{
    struct v6 s = v6_default("ff02::16");
    struct in6_addr g = ip6("ff15::66:7");
    report_begin(&R, M, 1);
    report_record(&R, 4, &g, 0, S, 0, 0, 0);
    put16(M + 6, 400);                     /* 400 records claimed */
    send_v6(&s, M, R.len);
    g = ip6("ff15::66:8");
    report_begin(&R, M, 1);
    report_record(&R, 1, &g, 900, S, 1, 0, 0);   /* 900 sources claimed, 1 present */
    put16(M + 6, 1);
    send_v6(&s, M, R.len);
    g = ip6("ff15::66:9");
    report_begin(&R, M, 1);
    report_record(&R, 4, &g, 0, S, 0, 200, 1);   /* aux 200 words claimed, 1 present */
    put16(M + 6, 1);
    send_v6(&s, M, R.len);
}

static void c_v6_bad_groups(void)         /* link-local/node-local scope and unicast groups */
{
    const char *groups[] = { "ff02::66:1", "ff01::66:1", "ff12::66:1", "fd66::1", "::" };
    for (int i = 0; i < 5; i++) {
        struct v6 s = v6_default("ff02::16");
        send_v6(&s, M, mld_v1(M, 131, groups[i]));
    }
    struct v6 s = v6_default("ff02::16");
    report_begin(&R, M, 1);
    for (int i = 0; i < 4; i++) {
        struct in6_addr g = ip6(groups[i]);
        report_record(&R, 2, &g, 0, S, 0, 0, 0);
    }
    put16(M + 6, (uint16_t)R.records);
    send_v6(&s, M, R.len);
}

static void c_v6_strange_queriers(void)   /* MLD queries from a global and the unspecified address */
{
    struct v6 s = v6_default("ff02::1");
    if (g_have_gl6) {
        s.src = g_gl6;
        send_v6(&s, M, mld_v2_query(M, "::", 0, 0));
    }
    s.src = ip6("::");
    send_v6(&s, M, mld_v2_query(M, "::", 0, 0));
    s = v6_default("ff02::1");
    send_v6(&s, M, mld_v2_query(M, "::", 3, 3));  /* general query with sources */
    send_v6(&s, M, mld_v2_query(M, "ff15::66:10", 500, 0));  /* source count past the end */
    s.src = ip6("fe80::1");                        /* lower address, 26 bytes: length to ignore */
    mld_v2_query(M, "::", 0, 0);
    send_v6(&s, M, 26);
}

static void c_v6_many_sources(void)       /* 2,000 sources (32 KB, fragmented): valid, received whole, limited */
{
    struct v6 s = v6_default("ff02::16");
    struct in6_addr g = ip6("ff15::77:1:2");
    for (int i = 0; i < 2000; i++) {
        struct in6_addr a = ip6("fd66::");
        a.s6_addr[14] = (uint8_t)(i >> 8); a.s6_addr[15] = (uint8_t)i;
        memcpy(S + i * 16, &a, 16);
    }
    report_begin(&R, M, 1);
    report_record(&R, 5, &g, 2000, S, 2000, 0, 0);
    put16(M + 6, 1);
    send_v6(&s, M, R.len);
    g = ip6("ff15::77:1:1");                  /* 600 sources (9.6 KB): valid, limited */
    report_begin(&R, M, 1);
    report_record(&R, 5, &g, 600, S, 600, 0, 0);
    put16(M + 6, 1);
    send_v6(&s, M, R.len);
}

struct corpus_case { const char *name; int v6; void (*fn)(void); };
static const struct corpus_case CASES[] = {
    { "v4-truncated-header", 0, c_v4_truncated_header },
    { "v4-truncated-v3", 0, c_v4_truncated_v3 },
    { "v4-zero-length", 0, c_v4_zero_length },
    { "v4-bad-checksum-v2", 0, c_v4_bad_checksum_v2 },
    { "v4-bad-checksum-v3", 0, c_v4_bad_checksum_v3 },
    { "v4-bad-ip-checksum", 0, c_v4_bad_ip_checksum },
    { "v4-record-count-large", 0, c_v4_record_count_large },
    { "v4-source-count-large", 0, c_v4_source_count_large },
    { "v4-huge-aux", 0, c_v4_huge_aux },
    { "v4-query-bad-length", 0, c_v4_query_bad_length },
    { "v4-query-source-count-large", 0, c_v4_query_source_count_large },
    { "v4-general-query-with-sources", 0, c_v4_general_query_with_sources },
    { "v4-ttl", 0, c_v4_ttl },
    { "v4-unicast-group", 0, c_v4_unicast_group },
    { "v4-link-local-group", 0, c_v4_link_local_group },
    { "v4-strange-sources", 0, c_v4_strange_sources },
    { "v4-strange-queriers", 0, c_v4_strange_queriers },
    { "v4-odd-options", 0, c_v4_odd_options },
    { "v4-broken-options", 0, c_v4_broken_options },
    { "v4-unknown-types", 0, c_v4_unknown_types },
    { "v4-many-sources", 0, c_v4_many_sources },
    { "v4-huge-report", 0, c_v4_huge_report },
    { "v4-zero-records", 0, c_v4_zero_records },
    { "v6-global-source", 1, c_v6_global_source },
    { "v6-hop-limit", 1, c_v6_hop_limit },
    { "v6-bad-checksum", 1, c_v6_bad_checksum },
    { "v6-truncated", 1, c_v6_truncated },
    { "v6-counts-past-end", 1, c_v6_counts_past_end },
    { "v6-bad-groups", 1, c_v6_bad_groups },
    { "v6-strange-queriers", 1, c_v6_strange_queriers },
    { "v6-many-sources", 1, c_v6_many_sources },
};
#define NCASES (int)(sizeof(CASES) / sizeof(CASES[0]))

static int do_cases(const char *which, int repeat)
{
    int matched = 0;
    for (int i = 0; i < NCASES; i++) {
        const struct corpus_case *c = &CASES[i];
        int take = strcmp(which, "all") == 0 || strcmp(which, c->name) == 0 ||
                   (strcmp(which, "v4") == 0 && !c->v6) || (strcmp(which, "v6") == 0 && c->v6);
        if (!take)
            continue;
        matched++;
        long before = g_sent;
        for (int r = 0; r < repeat; r++) {
            c->fn();
            usleep(2000);
        }
        printf("case %s: %ld packets\n", c->name, g_sent - before);
    }
    if (!matched) {
        fprintf(stderr, "inject: no case named %s\n", which);
        return 64;
    }
    printf("sent=%ld\n", g_sent);
    return 0;
}

/* ---------- forged single messages: query / leave / report ---------- */

struct forge { const char *src, *dst, *group; int qrv, qqic, code, v3; };

static size_t forge_message(const char *mode, struct forge *f, struct v4 *s)
{
    uint32_t group = f->group ? ip4(f->group) : 0;
    if (strcmp(mode, "query") == 0) {
        *s = v4_default(f->dst ? f->dst : "224.0.0.1");
        size_t len = igmp_v3_query(M, group, 0, NULL, 0);
        M[1] = (uint8_t)f->code;
        M[8] = (uint8_t)(f->qrv & 7);
        M[9] = (uint8_t)f->qqic;
        M[2] = M[3] = 0;
        put16(M + 2, fold(sum16(M, len, 0)));
        return len;
    }
    if (strcmp(mode, "leave") == 0 && f->v3) {
        *s = v4_default("224.0.0.22");
        report_begin(&R, M, 0);
        report_record(&R, 3, &group, 0, S, 0, 0, 0);       /* CHANGE_TO_INCLUDE_MODE {} */
        return report_finish4(&R, -1, 0);
    }
    if (strcmp(mode, "leave") == 0) {
        *s = v4_default("224.0.0.2");
        return igmp_simple(M, 0x17, 0, group);
    }
    *s = v4_default(f->group);
    return igmp_simple(M, 0x16, 0, group);                  /* IGMPv2 membership report */
}

static int do_forge(const char *mode, struct forge *f, long count, long wait_ms)
{
    if ((strcmp(mode, "query") != 0 && !f->group) || !f->src) {
        fprintf(stderr, "inject: %s needs -s SRC%s\n", mode, strcmp(mode, "query") != 0 ? " and -g GROUP" : "");
        return 64;
    }
    if (count < 1 || count > 100) count = count < 1 ? 1 : 100;
    if (wait_ms < 10 || wait_ms > 60000) wait_ms = wait_ms < 10 ? 10 : 60000;
    for (long i = 0; i < count; i++) {
        struct v4 s;
        size_t len = forge_message(mode, f, &s);
        s.src = ip4(f->src);
        send_v4(&s, M, len);
        printf("%s_at=%lld\n", mode, mono_ms());
        if (i + 1 < count)
            usleep((useconds_t)(wait_ms * 1000));
    }
    printf("sent=%ld\n", count);
    return 0;
}

/* ---------- data with a forged source ---------- */

/* A UDP datagram (RFC 768; checksum 0 = none, allowed over IPv4) from src to group, no IP options. */
static void send_udp4(uint32_t src, uint32_t group, long seq)
{
    struct v4 s = { .src = src, .dst = group, .ttl = 16, .proto = 17, .no_ra = 1 };
    int n = snprintf((char *)M + 8, 64, "forged %ld", seq);
    size_t len = 8 + (size_t)n;
    put16(M, 9);
    put16(M + 2, 9);
    put16(M + 4, (uint16_t)len);
    put16(M + 6, 0);
    send_v4(&s, M, len);
}

static int do_data(const char *src, const char *group, long count, long wait_ms)
{
    if (!src || !group) {
        fprintf(stderr, "inject: data needs -s SRC and -g GROUP\n");
        return 64;
    }
    if (count < 1 || count > 100) count = count < 1 ? 1 : 100;
    if (wait_ms < 10 || wait_ms > 60000) wait_ms = wait_ms < 10 ? 10 : 60000;
    for (long i = 0; i < count; i++) {
        send_udp4(ip4(src), ip4(group), i);
        printf("data_at=%lld\n", mono_ms());
        if (i + 1 < count)
            usleep((useconds_t)(wait_ms * 1000));
    }
    printf("sent=%ld\n", count);
    return 0;
}

/* ---------- flood / joinmany ---------- */

static void pace(long long start_us, long i, long rate)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    long long now_us = (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
    long long due = start_us + i * 1000000LL / rate;
    if (due > now_us)
        usleep((useconds_t)(due - now_us));
}

static long long mono_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static int do_flood(long rate, int seconds, long max, int pool, int maxsrc, int random_hosts, int type)
{
    if (rate < 1 || rate > 100000) rate = rate < 1 ? 1 : 100000;
    if (seconds < 1 || seconds > 120) seconds = seconds < 1 ? 1 : 120;
    if (max < 1 || max > 5000000) max = 5000000;
    if (maxsrc < 0 || maxsrc > 64) maxsrc = 64;
    long long start = mono_us(), end = start + (long long)seconds * 1000000;
    long i;
    for (i = 0; i < max && mono_us() < end; i++) {
        struct v4 s = v4_default("224.0.0.22");
        if (random_hosts)
            s.src = htonl((ntohl(g_src4.s_addr) & 0xffffff00u) | (2 + rnd() % 250));
        uint32_t g = pool > 0 ? htonl(0xefc80000u + rnd() % (uint32_t)pool)      /* 239.200.0.0 + k */
                              : htonl(0xef000000u | (1 + rnd() % 0xfffffe));       /* 239.x.y.z */
        int n = maxsrc ? (int)(rnd() % (uint32_t)(maxsrc + 1)) : 0;
        for (int k = 0; k < n; k++) {
            uint32_t a = htonl(0x0a000000u | (rnd() & 0xffffff));              /* 10.x.y.z */
            memcpy(S + k * 4, &a, 4);
        }
        if (type > 0) {
            send_v4(&s, M, igmp_simple(M, (uint8_t)type, 0, g));
            pace(start, i + 1, rate);
            continue;
        }
        static const uint8_t types[] = { 1, 2, 3, 4, 5, 6 };
        uint8_t t = types[rnd() % 6];
        report_begin(&R, M, 0);
        report_record(&R, t, &g, n, S, n, 0, 0);
        send_v4(&s, M, report_finish4(&R, -1, 0));
        pace(start, i + 1, rate);
    }
    printf("sent=%ld\nelapsed_ms=%lld\n", i, (mono_us() - start) / 1000);
    return 0;
}

static int do_dataflood(long rate, int seconds, long max)
{
    if (rate < 1 || rate > 100000) rate = rate < 1 ? 1 : 100000;
    if (seconds < 1 || seconds > 120) seconds = seconds < 1 ? 1 : 120;
    if (max < 1 || max > 5000000) max = 5000000;
    long long start = mono_us(), end = start + (long long)seconds * 1000000;
    long i;
    for (i = 0; i < max && mono_us() < end; i++) {
        uint32_t src = htonl((ntohl(g_src4.s_addr) & 0xffffff00u) | (2 + rnd() % 250));
        uint32_t g = htonl(0xef000000u | (1 + rnd() % 0xfffffe));       /* 239.x.y.z */
        send_udp4(src, g, i);
        pace(start, i + 1, rate);
    }
    long long ms = (mono_us() - start) / 1000;
    printf("sent=%ld\nelapsed_ms=%lld\nrate=%lld\n", i, ms, ms > 0 ? i * 1000 / ms : i);
    return 0;
}

static int do_joinmany(const char *first, long count, long rate, int leave)
{
    if (count < 1 || count > 100000) count = count < 1 ? 1 : 100000;
    if (rate < 1 || rate > 20000) rate = 200;
    uint32_t base = ntohl(ip4(first));
    long long start = mono_us();
    long reports = 0;
    for (long done = 0; done < count;) {
        struct v4 s = v4_default("224.0.0.22");
        report_begin(&R, M, 0);
        for (int k = 0; k < 40 && done < count; k++, done++) {
            uint32_t g = htonl(base + (uint32_t)done);
            report_record(&R, leave ? 3 : 4, &g, 0, S, 0, 0, 0);   /* TO_IN {} / TO_EX {} */
        }
        send_v4(&s, M, report_finish4(&R, -1, 0));
        pace(start, ++reports, rate);
    }
    printf("reports=%ld\ngroups=%ld\n", reports, count);
    return 0;
}

static int do_waitquery(int seconds)
{
    int fd = socket(AF_PACKET, SOCK_DGRAM, htons(ETH_P_IP));
    if (fd < 0)
        die("socket(AF_PACKET)");
    struct sockaddr_ll ll = { .sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_IP), .sll_ifindex = g_ifindex };
    if (bind(fd, (struct sockaddr *)&ll, sizeof(ll)) < 0)
        die("bind(AF_PACKET)");
    printf("ready=1\n");
    fflush(stdout);
    long long end = mono_ms() + (long long)(seconds > 0 && seconds <= 600 ? seconds : 10) * 1000;
    uint8_t buf[2048];
    while (mono_ms() < end) {
        struct pollfd p = { .fd = fd, .events = POLLIN };
        if (poll(&p, 1, 100) <= 0)
            continue;
        struct sockaddr_ll from;
        socklen_t flen = sizeof(from);
        ssize_t n = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&from, &flen);
        if (n < 20 || from.sll_pkttype == PACKET_OUTGOING || buf[9] != 2)
            continue;
        size_t hl = (size_t)(buf[0] & 0x0f) * 4;
        if ((size_t)n > hl && buf[hl] == 0x11) {
            printf("query_at=%lld\n", real_ms());
            return 0;
        }
    }
    printf("query_at=-1\n");
    return 0;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc < 2) {
        fprintf(stderr, "usage: inject list | case NAME -i IF [-n N] | flood -i IF -r RATE -t S [...] | joinmany ... | waitquery ... | query|leave|report|data -i IF -s SRC ... | dataflood -i IF -r RATE -t S\n");
        return 64;
    }
    const char *mode = argv[1], *ifname = NULL, *group = NULL, *which = "all";
    long rate = 1000, max = 0, count = 3, wait_ms = 1000;
    int seconds = 10, pool = 0, maxsrc = 4, hosts = 0, leave = 0, type = 0, opt;
    struct forge forge = { .qrv = 2, .qqic = 125, .code = 100 };
    int forging = strcmp(mode, "query") == 0 || strcmp(mode, "leave") == 0 || strcmp(mode, "report") == 0;
    if (forging || strcmp(mode, "data") == 0)
        count = 1;
    if (strcmp(mode, "list") == 0) {
        for (int i = 0; i < NCASES; i++)
            printf("%s\n", CASES[i].name);
        return 0;
    }
    optind = 2;
    if (strcmp(mode, "case") == 0 && argc > 2 && argv[2][0] != '-') {
        which = argv[2];
        optind = 3;
    }
    while ((opt = getopt(argc, argv, "i:n:r:t:c:G:S:x:Hg:ls:d:q:Q:m:w:3T:")) != -1) {
        switch (opt) {
        case 'i': ifname = optarg; break;
        case 'n': count = atol(optarg); break;
        case 'r': rate = atol(optarg); break;
        case 't': seconds = atoi(optarg); break;
        case 'c': max = atol(optarg); break;
        case 'G': pool = atoi(optarg); break;
        case 'S': maxsrc = atoi(optarg); break;
        case 'x': g_rng = (uint64_t)strtoull(optarg, NULL, 10) * 2654435761ull + 1; break;
        case 'H': hosts = 1; break;
        case 'g': group = optarg; break;
        case 'l': leave = 1; break;
        case 's': forge.src = optarg; break;
        case 'd': forge.dst = optarg; break;
        case 'q': forge.qrv = atoi(optarg); break;
        case 'Q': forge.qqic = atoi(optarg) & 0xff; break;
        case 'm': forge.code = atoi(optarg) & 0xff; break;
        case 'w': wait_ms = atol(optarg); break;
        case '3': forge.v3 = 1; break;
        case 'T': type = atoi(optarg) & 0xff; break;
        default: return 64;
        }
    }
    if (!ifname) {
        fprintf(stderr, "inject: -i IF is required\n");
        return 64;
    }
    open_link(ifname);
    if (strcmp(mode, "case") == 0)
        return do_cases(which, count < 1 ? 1 : count > 20 ? 20 : (int)count);
    if (strcmp(mode, "flood") == 0)
        return do_flood(rate, seconds, max, pool, maxsrc, hosts, type);
    if (strcmp(mode, "joinmany") == 0) {
        if (!group) {
            fprintf(stderr, "inject: joinmany needs -g FIRST\n");
            return 64;
        }
        return do_joinmany(group, count, rate, leave);
    }
    if (strcmp(mode, "waitquery") == 0)
        return do_waitquery(seconds);
    if (strcmp(mode, "data") == 0)
        return do_data(forge.src, group, count, wait_ms);
    if (strcmp(mode, "dataflood") == 0)
        return do_dataflood(rate, seconds, max);
    if (forging) {
        forge.group = group;
        return do_forge(mode, &forge, count, wait_ms);
    }
    fprintf(stderr, "inject: unknown mode %s\n", mode);
    return 64;
}
