/*
 * mctool: the end-to-end tests' multicast client, source and link counter.
 *
 *   mctool recv  -i IF -g GROUP [-s SRC,SRC...] [-x] [-p PORT] -t SECONDS [-L LEAVE_AFTER_MS]
 *       Joins GROUP on IF through a real socket (ASM: MCAST_JOIN_GROUP; with -s: INCLUDE via
 *       MCAST_JOIN_SOURCE_GROUP; with -s and -x: EXCLUDE via setsourcefilter), so the kernel of
 *       this namespace sends real IGMP/MLD reports. Counts UDP datagrams for PORT until SECONDS
 *       have passed. With -L it leaves after that many ms (and keeps running).
 *       SIGTERM ends it early, with the same output (for tests whose duration varies).
 *       Prints: "joined_ms=T", "first_ms=T" (join -> first datagram), "received=N",
 *       "max_gap_ms=T" (longest silence between two datagrams), "sources=a,b" (distinct senders
 *       seen), "gaps=N" (silences longer than -G MS, default 250), "lost=N" and "holes=N"
 *       (datagrams missing by `mctool send`'s sequence numbers, and the runs of them: what a
 *       viewer misses, unlike gaps independent of scheduling delays); with -L also "left_ms" and
 *       "left_at" (monotonic). SIGUSR1 makes it leave at once (as -L does), for a leave decided
 *       while it runs.
 *   mctool send  -i IF -g GROUP [-p PORT] [-n COUNT] [-r INTERVAL_MS] [-T TTL]
 *       Sends COUNT (default 100, at most 100000) datagrams every INTERVAL_MS (default 20) with
 *       TTL (default 16) out of IF. Bounded in count and time by construction.
 *   mctool send ... [-S SOURCE] binds the datagrams' source address (several sources on one host).
 *   mctool cap   -i IF -t SECONDS
 *       Decodes the IGMPv3 / MLDv2 reports seen on the link IF (AF_PACKET) and prints one line per
 *       group record: "record <from> <type> <group> <src,src...>" (types IS_IN IS_EX TO_IN TO_EX
 *       ALLOW BLOCK), and "v2report <from> <group>" / "leave <from> <group>" for older messages;
 *       queries as "query <from> <IGMPv1|IGMPv2|IGMPv3|MLDv1|MLDv2> <group> ttl=N ra=0|1".
 *   mctool sniff -i IF -g GROUP -t SECONDS [-q]
 *       Counts IP/IPv6 packets to GROUP seen on the link IF (AF_PACKET, independent of
 *       membership), for "data stops after leave" checks. Prints "seen=N", "last_ms=T" (ms from
 *       start to the last packet, -1 if none) and "last_at=T" (CLOCK_MONOTONIC ms, shared by all
 *       namespaces, to compare with recv's "left_at"). -q: exit when a first packet is seen.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip6.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_SOURCES 64

static volatile sig_atomic_t g_leave_now;

static void on_leave(int sig)
{
    (void)sig;
    g_leave_now = 1;
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void die(const char *what)
{
    fprintf(stderr, "mctool: %s: %s\n", what, strerror(errno));
    exit(2);
}

static int to_sockaddr(const char *text, struct sockaddr_storage *ss, socklen_t *len)
{
    memset(ss, 0, sizeof(*ss));
    struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
    if (inet_pton(AF_INET, text, &a4->sin_addr) == 1) {
        a4->sin_family = AF_INET;
        *len = sizeof(*a4);
        return AF_INET;
    }
    if (inet_pton(AF_INET6, text, &a6->sin6_addr) == 1) {
        a6->sin6_family = AF_INET6;
        *len = sizeof(*a6);
        return AF_INET6;
    }
    fprintf(stderr, "mctool: not an address: %s\n", text);
    exit(2);
}

struct args {
    const char *mode, *ifname, *group, *sources, *bind_source;
    int exclude, port, seconds, count, interval, ttl, quit_on_first;
    long leave_after, gap_ms;
};

static void usage(void)
{
    fprintf(stderr, "usage: mctool recv|send|sniff -i IF -g GROUP [options] (see source)\n");
    exit(64);
}

static void parse(int argc, char **argv, struct args *a)
{
    memset(a, 0, sizeof(*a));
    a->port = 5000;
    a->seconds = 5;
    a->count = 100;
    a->interval = 20;
    a->ttl = 16;
    a->leave_after = -1;
    a->gap_ms = 250;
    if (argc < 2)
        usage();
    a->mode = argv[1];
    int opt;
    optind = 2;
    while ((opt = getopt(argc, argv, "i:g:s:S:xp:t:n:r:T:L:qG:")) != -1) {
        switch (opt) {
        case 'i': a->ifname = optarg; break;
        case 'g': a->group = optarg; break;
        case 's': a->sources = optarg; break;
        case 'S': a->bind_source = optarg; break;
        case 'x': a->exclude = 1; break;
        case 'p': a->port = atoi(optarg); break;
        case 't': a->seconds = atoi(optarg); break;
        case 'n': a->count = atoi(optarg); break;
        case 'r': a->interval = atoi(optarg); break;
        case 'T': a->ttl = atoi(optarg); break;
        case 'L': a->leave_after = atol(optarg); break;
        case 'q': a->quit_on_first = 1; break;
        case 'G': a->gap_ms = atol(optarg); break;
        default: usage();
        }
    }
    if (!a->ifname || (!a->group && strcmp(a->mode, "cap") != 0))
        usage();
    if (a->count < 0 || a->count > 100000)
        a->count = 100000;
    if (a->seconds < 0 || a->seconds > 600)
        a->seconds = 600;
}

static volatile sig_atomic_t stop_requested;
static void on_stop(int sig) { (void)sig; stop_requested = 1; }

static int do_recv(struct args *a)
{
    /* No SA_RESTART: poll and usleep return at once on SIGTERM and SIGUSR1. */
    struct sigaction sa = { .sa_handler = on_stop };
    sigaction(SIGTERM, &sa, NULL);
    struct sigaction leave = { .sa_handler = on_leave };
    sigaction(SIGUSR1, &leave, NULL);
    struct sockaddr_storage grp;
    socklen_t glen;
    int family = to_sockaddr(a->group, &grp, &glen);
    int level = family == AF_INET ? IPPROTO_IP : IPPROTO_IPV6;
    unsigned ifindex = if_nametoindex(a->ifname);
    if (!ifindex)
        die("if_nametoindex");
    int fd = socket(family, SOCK_DGRAM, 0);
    if (fd < 0)
        die("socket");
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    /* Bind to the group and port so only this group's datagrams arrive. */
    struct sockaddr_storage bind_to = grp;
    if (family == AF_INET)
        ((struct sockaddr_in *)&bind_to)->sin_port = htons(a->port);
    else
        ((struct sockaddr_in6 *)&bind_to)->sin6_port = htons(a->port);
    if (bind(fd, (struct sockaddr *)&bind_to, glen) < 0)
        die("bind");
    if (family == AF_INET) {
        int zero = 0;
        setsockopt(fd, IPPROTO_IP, IP_MULTICAST_ALL, &zero, sizeof(zero));
    }

    struct sockaddr_storage srcs[MAX_SOURCES];
    int nsrc = 0;
    if (a->sources) {
        char *copy = strdup(a->sources), *save = NULL;
        for (char *tok = strtok_r(copy, ",", &save); tok && nsrc < MAX_SOURCES; tok = strtok_r(NULL, ",", &save)) {
            socklen_t l;
            to_sockaddr(tok, &srcs[nsrc++], &l);
        }
        free(copy);
    }

    long long t0 = now_ms();
    if (nsrc == 0) {
        struct group_req req = { .gr_interface = ifindex };
        memcpy(&req.gr_group, &grp, glen);
        if (setsockopt(fd, level, MCAST_JOIN_GROUP, &req, sizeof(req)) < 0)
            die("MCAST_JOIN_GROUP");
    } else if (!a->exclude) {
        for (int i = 0; i < nsrc; i++) {
            struct group_source_req req = { .gsr_interface = ifindex };
            memcpy(&req.gsr_group, &grp, glen);
            memcpy(&req.gsr_source, &srcs[i], sizeof(srcs[i]));
            if (setsockopt(fd, level, MCAST_JOIN_SOURCE_GROUP, &req, sizeof(req)) < 0)
                die("MCAST_JOIN_SOURCE_GROUP");
        }
    } else {
        if (setsourcefilter(fd, ifindex, (struct sockaddr *)&grp, glen, MCAST_EXCLUDE, nsrc, srcs) < 0) {
            /* setsourcefilter needs an existing membership on some kernels: join first. */
            struct group_req req = { .gr_interface = ifindex };
            memcpy(&req.gr_group, &grp, glen);
            if (setsockopt(fd, level, MCAST_JOIN_GROUP, &req, sizeof(req)) < 0)
                die("MCAST_JOIN_GROUP");
            if (setsourcefilter(fd, ifindex, (struct sockaddr *)&grp, glen, MCAST_EXCLUDE, nsrc, srcs) < 0)
                die("setsourcefilter");
        }
    }
    printf("joined_ms=%lld\n", now_ms() - t0);
    fflush(stdout);

    long long end = t0 + (long long)a->seconds * 1000, first = -1, prev = -1, max_gap = 0;
    long received = 0, gaps = 0, lost = 0, holes = 0, prev_seq = -1;
    int left = 0;
    char seen[MAX_SOURCES][INET6_ADDRSTRLEN];
    int nseen = 0;
    char buf[2048];
    for (;;) {
        long long now = now_ms();
        if (now >= end || stop_requested)
            break;
        if (!left && (g_leave_now || (a->leave_after >= 0 && now - t0 >= a->leave_after))) {
            close(fd);
            left = 1;
            printf("left_ms=%lld\nleft_at=%lld\n", now - t0, now);
            fflush(stdout);
        }
        if (left) {
            usleep(10000);
            continue;
        }
        long long wait = end - now;
        if (a->leave_after >= 0 && a->leave_after - (now - t0) < wait)
            wait = a->leave_after - (now - t0);
        struct pollfd p = { .fd = fd, .events = POLLIN };
        int r = poll(&p, 1, wait > 1000 ? 1000 : (int)(wait < 1 ? 1 : wait));
        if (r <= 0)
            continue;
        struct sockaddr_storage from;
        socklen_t flen = sizeof(from);
        ssize_t n = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&from, &flen);
        if (n < 0)
            continue;
        long long arrival = now_ms();
        if (first < 0)
            first = arrival - t0;
        if (prev >= 0 && arrival - prev > max_gap)
            max_gap = arrival - prev;
        if (prev >= 0 && arrival - prev > a->gap_ms)
            gaps++;
        buf[n < (ssize_t)sizeof(buf) ? n : (ssize_t)sizeof(buf) - 1] = 0;
        char *endp;
        long seq = strtol(buf, &endp, 10);
        if (endp != buf && seq > prev_seq) {
            if (prev_seq >= 0 && seq > prev_seq + 1) {
                holes++;
                lost += seq - prev_seq - 1;
            }
            prev_seq = seq;
        }
        prev = arrival;
        received++;
        char text[INET6_ADDRSTRLEN];
        if (from.ss_family == AF_INET)
            inet_ntop(AF_INET, &((struct sockaddr_in *)&from)->sin_addr, text, sizeof(text));
        else
            inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&from)->sin6_addr, text, sizeof(text));
        int known = 0;
        for (int i = 0; i < nseen; i++)
            known |= strcmp(seen[i], text) == 0;
        if (!known && nseen < MAX_SOURCES)
            strcpy(seen[nseen++], text);
    }
    printf("first_ms=%lld\nreceived=%ld\nmax_gap_ms=%lld\ngaps=%ld\nlost=%ld\nholes=%ld\nsources=", first, received, max_gap, gaps, lost, holes);
    for (int i = 0; i < nseen; i++)
        printf("%s%s", i ? "," : "", seen[i]);
    printf("\n");
    return 0;
}

static int do_send(struct args *a)
{
    struct sockaddr_storage grp;
    socklen_t glen;
    int family = to_sockaddr(a->group, &grp, &glen);
    unsigned ifindex = if_nametoindex(a->ifname);
    if (!ifindex)
        die("if_nametoindex");
    int fd = socket(family, SOCK_DGRAM, 0);
    if (fd < 0)
        die("socket");
    if (family == AF_INET) {
        struct ip_mreqn m = { .imr_ifindex = (int)ifindex };
        if (setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &m, sizeof(m)) < 0)
            die("IP_MULTICAST_IF");
        unsigned char ttl = (unsigned char)a->ttl;
        setsockopt(fd, IPPROTO_IP, IP_MULTICAST_TTL, &ttl, sizeof(ttl));
        ((struct sockaddr_in *)&grp)->sin_port = htons(a->port);
    } else {
        int idx = (int)ifindex;
        if (setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_IF, &idx, sizeof(idx)) < 0)
            die("IPV6_MULTICAST_IF");
        int hops = a->ttl;
        setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, &hops, sizeof(hops));
        ((struct sockaddr_in6 *)&grp)->sin6_port = htons(a->port);
    }
    if (a->bind_source) {
        struct sockaddr_storage src;
        socklen_t slen;
        to_sockaddr(a->bind_source, &src, &slen);
        if (bind(fd, (struct sockaddr *)&src, slen) < 0)
            die("bind source");
    }
    long sent = 0;
    char payload[64];
    for (int i = 0; i < a->count; i++) {
        int n = snprintf(payload, sizeof(payload), "%d %lld", i, now_ms());
        if (sendto(fd, payload, (size_t)n, 0, (struct sockaddr *)&grp, glen) >= 0)
            sent++;
        if (a->interval > 0 && i + 1 < a->count)
            usleep((useconds_t)a->interval * 1000);
    }
    printf("sent=%ld\n", sent);
    return 0;
}

static int do_sniff(struct args *a)
{
    struct sockaddr_storage grp;
    socklen_t glen;
    int family = to_sockaddr(a->group, &grp, &glen);
    unsigned ifindex = if_nametoindex(a->ifname);
    if (!ifindex)
        die("if_nametoindex");
    int proto = family == AF_INET ? ETH_P_IP : ETH_P_IPV6;
    int fd = socket(AF_PACKET, SOCK_DGRAM, htons(proto));
    if (fd < 0)
        die("socket(AF_PACKET)");
    struct sockaddr_ll ll = { .sll_family = AF_PACKET, .sll_protocol = htons(proto), .sll_ifindex = (int)ifindex };
    if (bind(fd, (struct sockaddr *)&ll, sizeof(ll)) < 0)
        die("bind(AF_PACKET)");
    long long t0 = now_ms(), end = t0 + (long long)a->seconds * 1000, last = -1, last_at = -1;
    long seen = 0;
    unsigned char buf[2048];
    while (now_ms() < end) {
        struct pollfd p = { .fd = fd, .events = POLLIN };
        long long wait = end - now_ms();
        if (poll(&p, 1, wait > 200 ? 200 : (int)(wait < 1 ? 1 : wait)) <= 0)
            continue;
        struct sockaddr_ll from;
        socklen_t flen = sizeof(from);
        ssize_t n = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&from, &flen);
        if (n <= 0 || from.sll_pkttype == PACKET_OUTGOING)
            continue;
        int match = 0;
        if (family == AF_INET && n >= (ssize_t)sizeof(struct iphdr)) {
            struct iphdr *ip = (struct iphdr *)buf;
            match = ip->protocol == IPPROTO_UDP && ip->daddr == ((struct sockaddr_in *)&grp)->sin_addr.s_addr;
        } else if (family == AF_INET6 && n >= (ssize_t)sizeof(struct ip6_hdr)) {
            struct ip6_hdr *ip6 = (struct ip6_hdr *)buf;
            match = ip6->ip6_nxt == IPPROTO_UDP &&
                    memcmp(&ip6->ip6_dst, &((struct sockaddr_in6 *)&grp)->sin6_addr, 16) == 0;
        }
        if (!match)
            continue;
        seen++;
        last_at = now_ms();
        last = last_at - t0;
        if (a->quit_on_first)
            break;
    }
    printf("seen=%ld\nlast_ms=%lld\nlast_at=%lld\n", seen, last, last_at);
    return 0;
}

static const char *record_name(int t)
{
    static const char *names[] = { "?", "IS_IN", "IS_EX", "TO_IN", "TO_EX", "ALLOW", "BLOCK" };
    return t >= 1 && t <= 6 ? names[t] : "?";
}

/* Prints the records of an IGMPv3 (alen 4) or MLDv2 (alen 16) report body (after the 8-byte header). */
static void print_records(const char *from, const unsigned char *p, long len, int nrec, int alen)
{
    int family = alen == 4 ? AF_INET : AF_INET6;
    long off = 0;
    for (int r = 0; r < nrec && off + 4 + alen <= len; r++) {
        int type = p[off], aux = p[off + 1], ns = (p[off + 2] << 8) | p[off + 3];
        char g[INET6_ADDRSTRLEN], sbuf[INET6_ADDRSTRLEN];
        inet_ntop(family, p + off + 4, g, sizeof(g));
        printf("record %s %s %s ", from, record_name(type), g);
        long soff = off + 4 + alen;
        for (int i = 0; i < ns && soff + alen <= len; i++, soff += alen) {
            inet_ntop(family, p + soff, sbuf, sizeof(sbuf));
            printf("%s%s", i ? "," : "", sbuf);
        }
        printf("\n");
        off += 4 + alen + (long)ns * alen + aux * 4;
    }
}

static int do_cap(struct args *a)
{
    unsigned ifindex = if_nametoindex(a->ifname);
    if (!ifindex)
        die("if_nametoindex");
    int fd = socket(AF_PACKET, SOCK_DGRAM, htons(ETH_P_ALL));
    if (fd < 0)
        die("socket(AF_PACKET)");
    struct sockaddr_ll ll = { .sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_ALL), .sll_ifindex = (int)ifindex };
    if (bind(fd, (struct sockaddr *)&ll, sizeof(ll)) < 0)
        die("bind(AF_PACKET)");
    long long end = now_ms() + (long long)a->seconds * 1000;
    unsigned char buf[9000];
    while (now_ms() < end) {
        struct pollfd pf = { .fd = fd, .events = POLLIN };
        long long wait = end - now_ms();
        if (poll(&pf, 1, wait > 200 ? 200 : (int)(wait < 1 ? 1 : wait)) <= 0)
            continue;
        struct sockaddr_ll from;
        socklen_t flen = sizeof(from);
        ssize_t n = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&from, &flen);
        if (n <= 0)
            continue;
        char who[INET6_ADDRSTRLEN];
        if (ntohs(from.sll_protocol) == ETH_P_IP && n >= 20 && (buf[0] >> 4) == 4 && buf[9] == IPPROTO_IGMP) {
            int ihl = (buf[0] & 15) * 4;
            inet_ntop(AF_INET, buf + 12, who, sizeof(who));
            const unsigned char *igmp = buf + ihl;
            long ilen = n - ihl;
            if (ilen >= 8 && igmp[0] == 0x11) {
                /* RFC 3376 7.1: 8 bytes and code 0 = IGMPv1, 8 bytes = IGMPv2, >= 12 = IGMPv3. */
                char g[INET_ADDRSTRLEN];
                inet_ntop(AF_INET, igmp + 4, g, sizeof(g));
                const char *v = ilen >= 12 ? "IGMPv3" : igmp[1] == 0 ? "IGMPv1" : "IGMPv2";
                printf("query %s %s %s ttl=%d ra=%d\n", who, v, g, buf[8], ihl > 20 && buf[20] == 0x94);
            } else if (ilen >= 8 && igmp[0] == 0x22)
                print_records(who, igmp + 8, ilen - 8, (igmp[6] << 8) | igmp[7], 4);
            else if (ilen >= 8 && (igmp[0] == 0x16 || igmp[0] == 0x17)) {
                char g[INET_ADDRSTRLEN];
                inet_ntop(AF_INET, igmp + 4, g, sizeof(g));
                printf("%s %s %s\n", igmp[0] == 0x16 ? "v2report" : "leave", who, g);
            }
        } else if (ntohs(from.sll_protocol) == ETH_P_IPV6 && n >= 40 && (buf[0] >> 4) == 6) {
            int next = buf[6];
            long off = 40;
            inet_ntop(AF_INET6, buf + 8, who, sizeof(who));
            while (next == 0 && off + 8 <= n) {          /* hop-by-hop options (Router Alert) */
                next = buf[off];
                off += (buf[off + 1] + 1) * 8;
            }
            if (next != IPPROTO_ICMPV6 || off + 8 > n)
                continue;
            const unsigned char *m = buf + off;
            if (m[0] == 130 && n - off >= 24) {
                /* RFC 3810 8.1: 24 bytes = MLDv1, >= 28 = MLDv2. */
                char g[INET6_ADDRSTRLEN];
                inet_ntop(AF_INET6, m + 8, g, sizeof(g));
                printf("query %s %s %s hoplimit=%d ra=%d\n", who, n - off >= 28 ? "MLDv2" : "MLDv1", g, buf[7],
                       buf[6] == 0 && n >= 44 && buf[42] == 0x05);
            } else if (m[0] == 143)
                print_records(who, m + 8, n - off - 8, (m[6] << 8) | m[7], 16);
            else if ((m[0] == 131 || m[0] == 132) && off + 24 <= n) {
                char g[INET6_ADDRSTRLEN];
                inet_ntop(AF_INET6, m + 8, g, sizeof(g));
                printf("%s %s %s\n", m[0] == 131 ? "v2report" : "leave", who, g);
            }
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    struct args a;
    parse(argc, argv, &a);
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (strcmp(a.mode, "recv") == 0)
        return do_recv(&a);
    if (strcmp(a.mode, "send") == 0)
        return do_send(&a);
    if (strcmp(a.mode, "sniff") == 0)
        return do_sniff(&a);
    if (strcmp(a.mode, "cap") == 0)
        return do_cap(&a);
    usage();
    return 64;
}
