#!/bin/busybox sh
# The arm64 guest's /init (busybox-static:arm64, in the initramfs built by tests/vm/arm64/vm.sh).
# Loads the modules, mounts the arm64 root tree (an unconfigured debootstrap of Debian 12 on the
# host) read-only over virtio-9p with fresh tmpfs on /tmp and /run, mounts the read-write shares,
# runs /run/vmio/cmd.sh in that root, writes its exit status to /run/vmio/rc and powers off.
# The kernel is quiet (loglevel=1); the console ttyAMA0 carries the command's output.
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
echo 1 >/proc/sys/kernel/printk
OUT=/dev/ttyAMA0
stty -F $OUT raw -echo 2>/dev/null
say() { echo "vm-init: $*" >$OUT; }
die() { say "$*"; poweroff -f; }

while read -r mod; do
    insmod "/modules/$mod" 2>/dev/null || grep -q "^${mod%.ko} " /proc/modules || say "cannot load $mod"
done </modules/order
echo /bin/false >/proc/sys/kernel/modprobe

arg() { sed -n "s/.*\\bmcvm\\.$1=\\([^ ]*\\).*/\\1/p" /proc/cmdline; }
R=/newroot
mkdir -p $R
mount -t 9p -o trans=virtio,version=9p2000.L,ro,cache=loose,msize=512000 guestroot $R || die "cannot mount the arm64 root"
mount -t tmpfs -o mode=1777 tmp $R/tmp
mount -t tmpfs -o mode=755 run $R/run
mount -t tmpfs -o mode=1777 vartmp $R/var/tmp
mount -t proc proc $R/proc
mount -t sysfs sys $R/sys
mount -t devtmpfs dev $R/dev
mkdir -p $R/dev/pts $R/dev/shm
ln -sf /proc/self/fd $R/dev/fd
mount -t devpts -o newinstance,ptmxmode=666 devpts $R/dev/pts
mount -t tmpfs -o mode=1777 shm $R/dev/shm
mkdir -p $R/run/vmio $R/run/netns $R/run/lock
mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 vmio $R/run/vmio || die "cannot mount the I/O share"
for tag in $(arg shares | tr , ' '); do
    path=$(cat "$R/run/vmio/$tag.path")
    mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 "$tag" "$R$path" || die "cannot mount share $tag at $path"
done
hostname mcproxy-arm64
ip link set lo up
chroot $R /bin/bash /run/vmio/cmd.sh </dev/null >$OUT 2>&1
echo $? >$R/run/vmio/rc
sync
poweroff -f
