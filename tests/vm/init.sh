#!/bin/busybox sh
# shellcheck shell=dash
# The guest's /init (busybox, in the initramfs built by tests/vm/vm.sh), for both architectures.
# Loads the modules the tests need, mounts the guest's root (the host's on x86_64, the arm64 tree
# on arm64) read-only over virtio-9p with fresh tmpfs on /tmp and /run, mounts the read-write
# shares, runs the host-written /run/vmio/cmd.sh in that root, writes its exit status to
# /run/vmio/rc (seen by the host) and powers off.
/bin/busybox --install -s /bin
export PATH=/bin

mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev

arg() { sed -n "s/.*\bmcvm\.$1=\([^ ]*\).*/\1/p" /proc/cmdline; }
# The command's output goes to the serial port mcvm.out (ttyS1 on x86_64, where the kernel's
# console ttyS0 is a log file on the host; ttyAMA0 on arm64), streamed to the host's stdout,
# with LF kept LF.
OUT=/dev/$(arg out)
stty -F "$OUT" raw -echo 2>/dev/null

say() { echo "vm-init: $*" >"$OUT"; }
die() { say "$*"; poweroff -f; }

# Modules in dependency order (vm.sh wrote the list with modprobe --show-depends).
while read -r mod; do
    insmod "/modules/$mod" 2>/dev/null || grep -q "^${mod%.ko} " /proc/modules \
        || say "cannot load $mod"
done </modules/order
# No module loader in the guest: the host root's modprobe does not know this kernel.
echo /bin/false >/proc/sys/kernel/modprobe

R=/newroot
mkdir -p $R
mount -t 9p -o trans=virtio,version=9p2000.L,ro,cache=loose,msize=512000 root $R \
    || die "cannot mount the guest's root"
mount -t tmpfs -o mode=1777 tmp $R/tmp
mount -t tmpfs -o mode=755 run $R/run
[ -d $R/var/tmp ] && mount -t tmpfs -o mode=1777 vartmp $R/var/tmp
mount -t proc proc $R/proc
mount -t sysfs sys $R/sys
mount -t devtmpfs dev $R/dev
mkdir -p $R/dev/pts $R/dev/shm
# What udev would add: process substitution in bash needs /dev/fd.
ln -sf /proc/self/fd $R/dev/fd
ln -sf /proc/self/fd/0 $R/dev/stdin
ln -sf /proc/self/fd/1 $R/dev/stdout
ln -sf /proc/self/fd/2 $R/dev/stderr
mount -t devpts -o newinstance,ptmxmode=666 devpts $R/dev/pts
mount -t tmpfs -o mode=1777 shm $R/dev/shm
mkdir -p $R/run/vmio $R/run/netns $R/run/lock
mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 vmio $R/run/vmio \
    || die "cannot mount the I/O share"

# Read-write shares: mcvm.shares=TAG1,TAG2...; the path of each is in /run/vmio/TAG.path.
for tag in $(arg shares | tr , ' '); do
    path=$(cat "$R/run/vmio/$tag.path")
    # A share under /tmp, /run or /var/tmp (a checkout in /tmp) lands on the guest's fresh tmpfs:
    # make its mount point there. Elsewhere the read-only root already has it.
    [ -d "$R$path" ] || mkdir -p "$R$path"
    mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 "$tag" "$R$path" \
        || die "cannot mount share $tag at $path"
done

hostname mcproxy-vm
ip link set lo up

chroot $R /bin/bash /run/vmio/cmd.sh </dev/null >"$OUT" 2>&1
echo $? >$R/run/vmio/rc
sync
poweroff -f
