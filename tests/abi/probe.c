/* ABI probe for McProxy's interop structs and constants.
 * Prints "S <struct> <sizeof>", "O <struct> <field> <offsetof>" and "C <name> <value>" lines,
 * taken from the system headers; AbiLayoutTests compares them with the managed layouts.
 * glibc's <netinet/in.h> must come before the <linux/...> headers (linux/libc-compat.h then
 * skips the duplicate definitions of linux/in.h and linux/in6.h). */
/* _GNU_SOURCE: glibc declares in6_pktinfo only then (RFC 3542). */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/resource.h>
#include <sys/uio.h>
#include <netinet/in.h>
#include <netinet/icmp6.h>
#include <net/if.h>
#include <linux/mroute.h>
#include <linux/mroute6.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/if_addr.h>
#include <linux/fib_rules.h>

#define S(t) printf("S %s %zu\n", #t, sizeof(struct t))
#define O(t, f) printf("O %s %s %zu\n", #t, #f, offsetof(struct t, f))
#define C(n) printf("C %s %lld\n", #n, (long long)(n))

int main(void)
{
    S(sockaddr_in); O(sockaddr_in, sin_family); O(sockaddr_in, sin_port); O(sockaddr_in, sin_addr); O(sockaddr_in, sin_zero);
    S(in6_addr); O(in6_addr, s6_addr);
    S(sockaddr_in6); O(sockaddr_in6, sin6_family); O(sockaddr_in6, sin6_port); O(sockaddr_in6, sin6_flowinfo);
    O(sockaddr_in6, sin6_addr); O(sockaddr_in6, sin6_scope_id);
    S(sockaddr_storage); O(sockaddr_storage, ss_family);
    S(in_pktinfo); O(in_pktinfo, ipi_ifindex); O(in_pktinfo, ipi_spec_dst); O(in_pktinfo, ipi_addr);
    S(in6_pktinfo); O(in6_pktinfo, ipi6_addr); O(in6_pktinfo, ipi6_ifindex);
    S(rlimit); O(rlimit, rlim_cur); O(rlimit, rlim_max);
    S(ip_mreqn); O(ip_mreqn, imr_multiaddr); O(ip_mreqn, imr_address); O(ip_mreqn, imr_ifindex);
    S(group_req); O(group_req, gr_interface); O(group_req, gr_group);
    S(group_source_req); O(group_source_req, gsr_interface); O(group_source_req, gsr_group); O(group_source_req, gsr_source);
    S(group_filter); O(group_filter, gf_interface); O(group_filter, gf_group); O(group_filter, gf_fmode);
    O(group_filter, gf_numsrc); O(group_filter, gf_slist);
    S(icmp6_filter); O(icmp6_filter, icmp6_filt);
    S(iovec); O(iovec, iov_base); O(iovec, iov_len);
    S(msghdr); O(msghdr, msg_name); O(msghdr, msg_namelen); O(msghdr, msg_iov); O(msghdr, msg_iovlen);
    O(msghdr, msg_control); O(msghdr, msg_controllen); O(msghdr, msg_flags);
    S(cmsghdr); O(cmsghdr, cmsg_len); O(cmsghdr, cmsg_level); O(cmsghdr, cmsg_type);
    printf("C CMSG_HEADER_SPACE %zu\n", (size_t)CMSG_LEN(0));
    printf("C CMSG_SPACE_12 %zu\n", (size_t)CMSG_SPACE(12));
    printf("C CMSG_SPACE_20 %zu\n", (size_t)CMSG_SPACE(20));

    S(vifctl); O(vifctl, vifc_vifi); O(vifctl, vifc_flags); O(vifctl, vifc_threshold); O(vifctl, vifc_rate_limit);
    O(vifctl, vifc_lcl_ifindex); O(vifctl, vifc_rmt_addr);
    S(mfcctl); O(mfcctl, mfcc_origin); O(mfcctl, mfcc_mcastgrp); O(mfcctl, mfcc_parent); O(mfcctl, mfcc_ttls);
    O(mfcctl, mfcc_pkt_cnt); O(mfcctl, mfcc_byte_cnt); O(mfcctl, mfcc_wrong_if); O(mfcctl, mfcc_expire);
    S(igmpmsg); O(igmpmsg, unused1); O(igmpmsg, unused2); O(igmpmsg, im_msgtype); O(igmpmsg, im_mbz);
    O(igmpmsg, im_vif); O(igmpmsg, im_vif_hi); O(igmpmsg, im_src); O(igmpmsg, im_dst);
    S(sioc_sg_req); O(sioc_sg_req, src); O(sioc_sg_req, grp); O(sioc_sg_req, pktcnt); O(sioc_sg_req, bytecnt); O(sioc_sg_req, wrong_if);
    S(mif6ctl); O(mif6ctl, mif6c_mifi); O(mif6ctl, mif6c_flags); O(mif6ctl, vifc_threshold); O(mif6ctl, mif6c_pifi);
    O(mif6ctl, vifc_rate_limit);
    S(if_set); O(if_set, ifs_bits);
    S(mf6cctl); O(mf6cctl, mf6cc_origin); O(mf6cctl, mf6cc_mcastgrp); O(mf6cctl, mf6cc_parent); O(mf6cctl, mf6cc_ifset);
    S(mrt6msg); O(mrt6msg, im6_mbz); O(mrt6msg, im6_msgtype); O(mrt6msg, im6_mif); O(mrt6msg, im6_pad);
    O(mrt6msg, im6_src); O(mrt6msg, im6_dst);
    S(sioc_sg_req6); O(sioc_sg_req6, src); O(sioc_sg_req6, grp); O(sioc_sg_req6, pktcnt); O(sioc_sg_req6, bytecnt);
    O(sioc_sg_req6, wrong_if);

    S(sockaddr_nl); O(sockaddr_nl, nl_family); O(sockaddr_nl, nl_pad); O(sockaddr_nl, nl_pid); O(sockaddr_nl, nl_groups);
    S(nlmsghdr); O(nlmsghdr, nlmsg_len); O(nlmsghdr, nlmsg_type); O(nlmsghdr, nlmsg_flags); O(nlmsghdr, nlmsg_seq);
    O(nlmsghdr, nlmsg_pid);
    S(nlmsgerr); O(nlmsgerr, error); O(nlmsgerr, msg);
    S(ifinfomsg); O(ifinfomsg, ifi_family); O(ifinfomsg, __ifi_pad); O(ifinfomsg, ifi_type); O(ifinfomsg, ifi_index);
    O(ifinfomsg, ifi_flags); O(ifinfomsg, ifi_change);
    S(ifaddrmsg); O(ifaddrmsg, ifa_family); O(ifaddrmsg, ifa_prefixlen); O(ifaddrmsg, ifa_flags); O(ifaddrmsg, ifa_scope);
    O(ifaddrmsg, ifa_index);
    S(rtattr); O(rtattr, rta_len); O(rtattr, rta_type);
    S(fib_rule_hdr); O(fib_rule_hdr, family); O(fib_rule_hdr, dst_len); O(fib_rule_hdr, src_len); O(fib_rule_hdr, tos);
    O(fib_rule_hdr, table); O(fib_rule_hdr, res1); O(fib_rule_hdr, res2); O(fib_rule_hdr, action); O(fib_rule_hdr, flags);

    C(AF_INET); C(AF_INET6); C(AF_NETLINK); C(SOCK_DGRAM); C(SOCK_RAW); C(SOCK_NONBLOCK); C(SOCK_CLOEXEC);
    C(RLIMIT_NOFILE);
    C(SOL_SOCKET); C(SO_RCVBUF); C(SO_BINDTODEVICE); C(SO_RCVBUFFORCE);
    C(MSG_CTRUNC); C(MSG_TRUNC); C(MSG_DONTWAIT); C(IF_NAMESIZE);
    C(IPPROTO_IP); C(IPPROTO_IGMP); C(IPPROTO_UDP); C(IPPROTO_IPV6); C(IPPROTO_ICMPV6);
    C(IP_TTL); C(IP_HDRINCL); C(IP_OPTIONS); C(IP_ROUTER_ALERT); C(IP_PKTINFO); C(IP_MULTICAST_IF); C(IP_MULTICAST_TTL);
    C(IP_MULTICAST_LOOP); C(IP_ADD_MEMBERSHIP); C(IP_DROP_MEMBERSHIP); C(IP_MULTICAST_ALL);
    C(IPV6_CHECKSUM); C(IPV6_MULTICAST_IF); C(IPV6_MULTICAST_HOPS); C(IPV6_MULTICAST_LOOP); C(IPV6_ROUTER_ALERT);
    C(IPV6_MULTICAST_ALL); C(IPV6_RECVPKTINFO); C(IPV6_PKTINFO); C(IPV6_RECVHOPLIMIT); C(IPV6_HOPLIMIT);
    C(IPV6_RECVHOPOPTS); C(IPV6_HOPOPTS); C(ICMP6_FILTER);
    C(MCAST_JOIN_GROUP); C(MCAST_BLOCK_SOURCE); C(MCAST_UNBLOCK_SOURCE); C(MCAST_LEAVE_GROUP);
    C(MCAST_JOIN_SOURCE_GROUP); C(MCAST_LEAVE_SOURCE_GROUP); C(MCAST_MSFILTER); C(MCAST_EXCLUDE); C(MCAST_INCLUDE);
    C(SIOCPROTOPRIVATE);

    C(MRT_INIT); C(MRT_DONE); C(MRT_ADD_VIF); C(MRT_DEL_VIF); C(MRT_ADD_MFC); C(MRT_DEL_MFC); C(MRT_VERSION);
    C(MRT_ASSERT); C(MRT_PIM); C(MRT_TABLE); C(MRT_ADD_MFC_PROXY); C(MRT_DEL_MFC_PROXY); C(MRT_FLUSH);
    C(MRT_FLUSH_MFC); C(MRT_FLUSH_MFC_STATIC); C(MRT_FLUSH_VIFS); C(MRT_FLUSH_VIFS_STATIC); C(MAXVIFS);
    C(VIFF_TUNNEL); C(VIFF_SRCRT); C(VIFF_REGISTER); C(VIFF_USE_IFINDEX);
    C(IGMPMSG_NOCACHE); C(IGMPMSG_WRONGVIF); C(IGMPMSG_WHOLEPKT); C(IGMPMSG_WRVIFWHOLE);
    C(SIOCGETVIFCNT); C(SIOCGETSGCNT); C(SIOCGETRPF);
    C(MRT6_INIT); C(MRT6_DONE); C(MRT6_ADD_MIF); C(MRT6_DEL_MIF); C(MRT6_ADD_MFC); C(MRT6_DEL_MFC); C(MRT6_VERSION);
    C(MRT6_ASSERT); C(MRT6_PIM); C(MRT6_TABLE); C(MRT6_ADD_MFC_PROXY); C(MRT6_DEL_MFC_PROXY); C(MRT6_FLUSH);
    C(MRT6_FLUSH_MFC); C(MRT6_FLUSH_MFC_STATIC); C(MRT6_FLUSH_MIFS); C(MRT6_FLUSH_MIFS_STATIC); C(MAXMIFS); C(IF_SETSIZE);
    C(MIFF_REGISTER); C(MRT6MSG_NOCACHE); C(MRT6MSG_WRONGMIF); C(MRT6MSG_WHOLEPKT); C(MRT6MSG_WRMIFWHOLE);
    C(SIOCGETMIFCNT_IN6); C(SIOCGETSGCNT_IN6);

    C(NETLINK_ROUTE); C(SOL_NETLINK); C(NETLINK_EXT_ACK);
    C(NLMSG_NOOP); C(NLMSG_ERROR); C(NLMSG_DONE); C(NLMSG_OVERRUN);
    C(NLM_F_REQUEST); C(NLM_F_MULTI); C(NLM_F_ACK); C(NLM_F_ROOT); C(NLM_F_MATCH); C(NLM_F_DUMP); C(NLM_F_REPLACE);
    C(NLM_F_EXCL); C(NLM_F_CREATE);
    C(RTM_NEWLINK); C(RTM_DELLINK); C(RTM_GETLINK); C(RTM_NEWADDR); C(RTM_DELADDR); C(RTM_GETADDR);
    C(RTM_NEWRULE); C(RTM_DELRULE); C(RTM_GETRULE);
    C(RTMGRP_LINK); C(RTMGRP_IPV4_IFADDR); C(RTMGRP_IPV6_IFADDR);
    C(IFLA_ADDRESS); C(IFLA_IFNAME); C(IFLA_MTU); C(IFLA_OPERSTATE);
    C(IFA_ADDRESS); C(IFA_LOCAL); C(IFA_LABEL); C(IFA_FLAGS);
    C(IFF_UP); C(IFF_LOOPBACK); C(IFF_POINTOPOINT); C(IFF_RUNNING); C(IFF_MULTICAST);
    C(RT_SCOPE_UNIVERSE); C(RT_SCOPE_LINK); C(RT_SCOPE_HOST);
    C(FRA_IIFNAME); C(FRA_PRIORITY); C(FRA_TABLE); C(FRA_OIFNAME); C(FR_ACT_TO_TBL); C(RT_TABLE_UNSPEC);
    C(RTNL_FAMILY_IPMR); C(RTNL_FAMILY_IP6MR);
    return 0;
}
