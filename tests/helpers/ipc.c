// SPDX-License-Identifier: GPL-2.0-only
/*
 * ipc - one SysV or POSIX IPC operation per call, for the bats tests.
 *
 * Prints the result (an id, a value, a text, "ok") and exits 0, or prints
 * the errno name and exits 1; exits 2 on a usage error.
 *
 *   msgget KEY [FLAGS]         FLAGS: c = IPC_CREAT, x = IPC_EXCL
 *   semget KEY NSEMS [FLAGS]
 *   shmget KEY SIZE [FLAGS]
 *   msgsnd ID TEXT             IPC_NOWAIT
 *   msgrcv ID                  IPC_NOWAIT
 *   semop ID NUM DELTA [u]     IPC_NOWAIT, u = SEM_UNDO
 *   semtimedop ID NUM DELTA    IPC_NOWAIT
 *   shmwrite ID TEXT           attach, copy TEXT in, detach
 *   shmread ID                 attach, print, detach
 *   shmfill ID                 attach, write every byte, detach
 *   nattch ID                  the segment's attach count
 *   ctl msg|sem|shm ID OP      OP: stat set rmid; for sem also getval
 *                              setval getall setall getpid getncnt
 *                              getzcnt; for shm also lock unlock
 *   idxstat msg|sem|shm INDEX [any]   *_STAT or *_STAT_ANY
 *   info msg|sem|shm           objects in use, from *_INFO
 *   scan msg|sem|shm MAX       ids found by *_STAT_ANY over 0..MAX
 *   mqsend NAME TEXT           create if needed
 *   mqrecv NAME                nonblocking
 *   carry-shm ID               attach segment ID, move into a new jail,
 *                              write "after" through the mapping there,
 *                              exit still attached
 *   carry-semundo ID           SEM_UNDO +1 on ID, move into a new jail,
 *                              SEM_UNDO +1 on a new set there; a child
 *                              prints that set's value after this exits
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
	struct seminfo *__buf;
};

struct msgtext {
	long mtype;
	char mtext[256];
};

static int fail(void)
{
	printf("%s\n", strerrorname_np(errno));
	return 1;
}

static int result(long r)
{
	if (r < 0)
		return fail();
	printf("%ld\n", r);
	return 0;
}

static int usage(void)
{
	fprintf(stderr, "ipc: bad usage (see the comment in ipc.c)\n");
	return 2;
}

static int flags(const char *s)
{
	int f = 0600;

	for (; s && *s; s++)
		f |= *s == 'c' ? IPC_CREAT : *s == 'x' ? IPC_EXCL : 0;
	return f;
}

static long num(const char *s)
{
	if (!strcmp(s, "IPC_PRIVATE"))
		return IPC_PRIVATE;
	return strtol(s, NULL, 0);
}

static int move_into_new_jail(void)
{
	int fd = open("/proc/self/jail", O_WRONLY);

	if (fd < 0 || write(fd, "new", 3) != 3)
		return -1;
	return close(fd);
}

static int ctl(const char *kind, int id, const char *op)
{
	unsigned short vals[8] = { 0 };
	struct msqid_ds mds;
	struct semid_ds sds;
	struct shmid_ds hds;
	union semun arg = { .buf = &sds };

	if (!strcmp(kind, "msg")) {
		if (!strcmp(op, "stat"))
			return result(msgctl(id, IPC_STAT, &mds));
		if (!strcmp(op, "set")) {
			memset(&mds, 0, sizeof(mds));
			mds.msg_perm.mode = 0600;
			mds.msg_qbytes = 16384;
			return result(msgctl(id, IPC_SET, &mds));
		}
		if (!strcmp(op, "rmid"))
			return result(msgctl(id, IPC_RMID, NULL));
	} else if (!strcmp(kind, "sem")) {
		int cmd = !strcmp(op, "stat") ? IPC_STAT :
			  !strcmp(op, "set") ? IPC_SET :
			  !strcmp(op, "rmid") ? IPC_RMID :
			  !strcmp(op, "getval") ? GETVAL :
			  !strcmp(op, "setval") ? SETVAL :
			  !strcmp(op, "getall") ? GETALL :
			  !strcmp(op, "setall") ? SETALL :
			  !strcmp(op, "getpid") ? GETPID :
			  !strcmp(op, "getncnt") ? GETNCNT :
			  !strcmp(op, "getzcnt") ? GETZCNT : -1;

		if (cmd == IPC_SET) {
			memset(&sds, 0, sizeof(sds));
			sds.sem_perm.mode = 0600;
		} else if (cmd == SETVAL) {
			arg.val = 1;
		} else if (cmd == GETALL || cmd == SETALL) {
			arg.array = vals;
		}
		if (cmd >= 0)
			return result(semctl(id, 0, cmd, arg));
	} else if (!strcmp(kind, "shm")) {
		int cmd = !strcmp(op, "stat") ? IPC_STAT :
			  !strcmp(op, "set") ? IPC_SET :
			  !strcmp(op, "rmid") ? IPC_RMID :
			  !strcmp(op, "lock") ? SHM_LOCK :
			  !strcmp(op, "unlock") ? SHM_UNLOCK : -1;

		memset(&hds, 0, sizeof(hds));
		hds.shm_perm.mode = 0600;
		if (cmd >= 0)
			return result(shmctl(id, cmd, &hds));
	}
	return usage();
}

static long stat_index(const char *kind, int index, int any)
{
	struct msqid_ds mds;
	struct semid_ds sds;
	struct shmid_ds hds;
	union semun arg = { .buf = &sds };

	if (!strcmp(kind, "msg"))
		return msgctl(index, any ? MSG_STAT_ANY : MSG_STAT, &mds);
	if (!strcmp(kind, "sem"))
		return semctl(index, 0, any ? SEM_STAT_ANY : SEM_STAT, arg);
	if (!strcmp(kind, "shm"))
		return shmctl(index, any ? SHM_STAT_ANY : SHM_STAT, &hds);
	errno = EINVAL;
	return -1;
}

static int info(const char *kind)
{
	struct msginfo mi;
	struct seminfo si;
	struct shm_info hi;
	union semun arg = { .__buf = &si };

	if (!strcmp(kind, "msg")) {
		if (msgctl(0, MSG_INFO, (struct msqid_ds *)&mi) < 0)
			return fail();
		return result(mi.msgpool);
	}
	if (!strcmp(kind, "sem")) {
		if (semctl(0, 0, SEM_INFO, arg) < 0)
			return fail();
		return result(si.semusz);
	}
	if (!strcmp(kind, "shm")) {
		if (shmctl(0, SHM_INFO, (struct shmid_ds *)&hi) < 0)
			return fail();
		return result(hi.used_ids);
	}
	return usage();
}

static int semadd(int id, int num, int delta, int flg)
{
	struct sembuf op = { .sem_num = num, .sem_op = delta,
			     .sem_flg = IPC_NOWAIT | flg };

	return semop(id, &op, 1);
}

static int carry_shm(int id)
{
	char *p = shmat(id, NULL, 0);

	if (p == (void *)-1)
		return fail();
	strcpy(p, "before");
	if (move_into_new_jail() < 0)
		return fail();
	/* The mapping is the task's own: it keeps working in the jail. */
	if (strcmp(p, "before"))
		return printf("lost\n"), 1;
	strcpy(p, "after");
	/* Left attached: exit detaches it, in the segment's own namespace. */
	printf("ok\n");
	return 0;
}

static int carry_semundo(int host_id)
{
	union semun arg = { .val = 0 };
	int pipefd[2], id;
	char c;

	if (semadd(host_id, 0, 1, SEM_UNDO) < 0 || move_into_new_jail() < 0)
		return fail();
	id = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
	if (id < 0 || semadd(id, 0, 1, SEM_UNDO) < 0 || pipe(pipefd) < 0)
		return fail();
	switch (fork()) {
	case -1:
		return fail();
	case 0:
		/* Wait for the parent to exit and its undo to be applied. */
		close(pipefd[1]);
		while (read(pipefd[0], &c, 1) > 0)
			;
		while (getppid() != 1 && kill(getppid(), 0) == 0)
			usleep(10000);
		printf("jail set after exit: %d\n", semctl(id, 0, GETVAL, arg));
		semctl(id, 0, IPC_RMID, arg);
		return 0;
	}
	close(pipefd[0]);
	printf("jail set while alive: %d\n", semctl(id, 0, GETVAL, arg));
	fflush(stdout);
	return 0;
}

static int mq(const char *name, const char *text)
{
	struct mq_attr attr = { .mq_maxmsg = 4, .mq_msgsize = 256 };
	char buf[256];
	ssize_t n;
	mqd_t q;

	if (text) {
		q = mq_open(name, O_WRONLY | O_CREAT | O_NONBLOCK, 0600, &attr);
		if (q == (mqd_t)-1 || mq_send(q, text, strlen(text), 0) < 0)
			return fail();
		printf("ok\n");
		return 0;
	}
	q = mq_open(name, O_RDONLY | O_NONBLOCK);
	if (q == (mqd_t)-1)
		return fail();
	n = mq_receive(q, buf, sizeof(buf), NULL);
	if (n < 0)
		return fail();
	printf("%.*s\n", (int)n, buf);
	return 0;
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : "";
	struct msgtext m = { .mtype = 1 };
	struct timespec ts = { 0 };
	struct sembuf op;
	char *p;

	if (!strcmp(cmd, "msgget") && argc >= 3)
		return result(msgget(num(argv[2]), flags(argv[3])));
	if (!strcmp(cmd, "semget") && argc >= 4)
		return result(semget(num(argv[2]), num(argv[3]), flags(argv[4])));
	if (!strcmp(cmd, "shmget") && argc >= 4)
		return result(shmget(num(argv[2]), num(argv[3]), flags(argv[4])));
	if (!strcmp(cmd, "msgsnd") && argc == 4) {
		snprintf(m.mtext, sizeof(m.mtext), "%s", argv[3]);
		if (msgsnd(num(argv[2]), &m, strlen(m.mtext) + 1, IPC_NOWAIT) < 0)
			return fail();
		printf("ok\n");
		return 0;
	}
	if (!strcmp(cmd, "msgrcv") && argc == 3) {
		if (msgrcv(num(argv[2]), &m, sizeof(m.mtext), 0, IPC_NOWAIT) < 0)
			return fail();
		printf("%s\n", m.mtext);
		return 0;
	}
	if (!strcmp(cmd, "semop") && argc >= 5)
		return result(semadd(num(argv[2]), num(argv[3]), num(argv[4]),
				     argc > 5 && argv[5][0] == 'u' ? SEM_UNDO : 0));
	if (!strcmp(cmd, "semtimedop") && argc == 5) {
		op = (struct sembuf){ .sem_num = num(argv[3]),
				      .sem_op = num(argv[4]),
				      .sem_flg = IPC_NOWAIT };
		return result(semtimedop(num(argv[2]), &op, 1, &ts));
	}
	if ((!strcmp(cmd, "shmwrite") && argc == 4) ||
	    (!strcmp(cmd, "shmread") && argc == 3)) {
		p = shmat(num(argv[2]), NULL, 0);
		if (p == (void *)-1)
			return fail();
		if (argc == 4)
			strcpy(p, argv[3]);
		printf("%s\n", argc == 4 ? "ok" : p);
		shmdt(p);
		return 0;
	}
	if (!strcmp(cmd, "shmfill") && argc == 3) {
		struct shmid_ds ds;

		if (shmctl(num(argv[2]), IPC_STAT, &ds) < 0)
			return fail();
		p = shmat(num(argv[2]), NULL, 0);
		if (p == (void *)-1)
			return fail();
		memset(p, 0x5a, ds.shm_segsz);
		printf("ok\n");
		shmdt(p);
		return 0;
	}
	if (!strcmp(cmd, "nattch") && argc == 3) {
		struct shmid_ds ds;

		if (shmctl(num(argv[2]), IPC_STAT, &ds) < 0)
			return fail();
		return result((long)ds.shm_nattch);
	}
	if (!strcmp(cmd, "ctl") && argc == 5)
		return ctl(argv[2], num(argv[3]), argv[4]);
	if (!strcmp(cmd, "idxstat") && argc >= 4)
		return result(stat_index(argv[2], num(argv[3]), argc > 4));
	if (!strcmp(cmd, "info") && argc == 3)
		return info(argv[2]);
	if (!strcmp(cmd, "scan") && argc == 4) {
		for (long i = 0; i <= num(argv[3]); i++) {
			long id = stat_index(argv[2], i, 1);

			if (id >= 0)
				printf("%ld\n", id);
		}
		return 0;
	}
	if (!strcmp(cmd, "mqsend") && argc == 4)
		return mq(argv[2], argv[3]);
	if (!strcmp(cmd, "mqrecv") && argc == 3)
		return mq(argv[2], NULL);
	if (!strcmp(cmd, "carry-shm") && argc == 3)
		return carry_shm(num(argv[2]));
	if (!strcmp(cmd, "carry-semundo") && argc == 3)
		return carry_semundo(num(argv[2]));
	return usage();
}
