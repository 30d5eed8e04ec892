-- A lifeline database of schema 2, written by lifeline at commit c5d1d8b (make-fixtures.sh).
-- Load it with: sed "s|@DIR@|$project|g" schema-2.sql | sqlite3 DB
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    tool_version TEXT,
    command_line TEXT,
    root_dir TEXT,
    exit_code INTEGER,
    findings INTEGER,
    failed_tus INTEGER
, scope TEXT NOT NULL DEFAULT 'full' CHECK (scope IN ('full', 'partial')));
INSERT INTO runs VALUES(1,'2026-11-23T16:24:40.241Z','2026-11-23T16:24:40.373Z','0.1.0','lifeline check -p . --db @DIR@/lifeline.db','@DIR@',1,4,0,'full');
INSERT INTO runs VALUES(2,'2026-11-23T16:24:40.755Z','2026-11-23T16:24:40.879Z','0.1.0','lifeline check -p . --db @DIR@/lifeline.db','@DIR@',1,3,0,'full');
INSERT INTO runs VALUES(3,'2026-11-23T16:24:41.178Z','2026-11-23T16:24:41.266Z','0.1.0','lifeline check -p . main.c --db @DIR@/lifeline.db','@DIR@',1,2,0,'partial');
CREATE TABLE tus (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    main_file TEXT NOT NULL,
    directory TEXT,
    args_hash TEXT,
    status TEXT NOT NULL,
    message TEXT
);
INSERT INTO tus VALUES(1,1,'@DIR@/registry.c','@DIR@','c6c7b37555d545d0e238142e629c1cf8','ok',NULL);
INSERT INTO tus VALUES(2,1,'@DIR@/main.c','@DIR@','c6c7b37555d545d0e238142e629c1cf8','ok',NULL);
INSERT INTO tus VALUES(3,2,'@DIR@/registry.c','@DIR@','c6c7b37555d545d0e238142e629c1cf8','ok',NULL);
INSERT INTO tus VALUES(4,2,'@DIR@/main.c','@DIR@','c6c7b37555d545d0e238142e629c1cf8','ok',NULL);
INSERT INTO tus VALUES(5,3,'@DIR@/main.c','@DIR@','c6c7b37555d545d0e238142e629c1cf8','ok',NULL);
CREATE TABLE files (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    content_hash TEXT,
    run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL
);
INSERT INTO files VALUES(1,'@DIR@/registry.c','8ddd8efe4ca31adf5bd8509490a1f5a1',2);
INSERT INTO files VALUES(2,'@DIR@/registry.h','8577e3356f4105e8c5a2cb1199a4d7a9',3);
INSERT INTO files VALUES(3,'@DIR@/main.c','97c72ee9f6382d4e7bdf49a2be85ea79',3);
INSERT INTO files VALUES(4,'/usr/include/stdio.h','de38a57268103e942a5bf3d6cdb1597e',3);
INSERT INTO files VALUES(5,'/usr/include/x86_64-linux-gnu/bits/libc-header-start.h','e14790d11b0cf145c97f3660d290fc1f',3);
INSERT INTO files VALUES(6,'/usr/include/features.h','ab5d509d38fa62aa46dfa191c8fee9a8',3);
INSERT INTO files VALUES(7,'/usr/include/features-time64.h','ace08aa505131b6ba5b3634531a2e755',3);
INSERT INTO files VALUES(8,'/usr/include/x86_64-linux-gnu/bits/wordsize.h','ffca7e2548f6bd53823516359ac25d03',3);
INSERT INTO files VALUES(9,'/usr/include/x86_64-linux-gnu/bits/timesize.h','ab69ac34767e365c268aac5b55d2c412',3);
INSERT INTO files VALUES(10,'/usr/include/stdc-predef.h','e0be6526e42890a3d2cd23d6cdc4b65d',3);
INSERT INTO files VALUES(11,'/usr/include/x86_64-linux-gnu/sys/cdefs.h','bf59f9fbe0e6506e06fb30b5a69e28c7',3);
INSERT INTO files VALUES(12,'/usr/include/x86_64-linux-gnu/bits/long-double.h','3351497c92996b76649cc4447e030d39',3);
INSERT INTO files VALUES(13,'/usr/include/x86_64-linux-gnu/gnu/stubs.h','b8fea45c52a835090d7b03360d80c3a4',3);
INSERT INTO files VALUES(14,'/usr/include/x86_64-linux-gnu/gnu/stubs-64.h','c1c8f7895b6bce3316e9bab002f57fa7',3);
INSERT INTO files VALUES(15,'/usr/lib/llvm-19/lib/clang/19/include/stddef.h','00e2323963b2441c820a0cb6e8c9f748',3);
INSERT INTO files VALUES(16,'/usr/lib/llvm-19/lib/clang/19/include/__stddef_size_t.h','abe76f7cadf0bd62fc54289b0430f362',3);
INSERT INTO files VALUES(17,'/usr/lib/llvm-19/lib/clang/19/include/__stddef_null.h','a55a231a735b7ed851403ace7b5aabb2',3);
INSERT INTO files VALUES(18,'/usr/lib/llvm-19/lib/clang/19/include/stdarg.h','8ddd07e7a3d626521ed9992f6eb05847',3);
INSERT INTO files VALUES(19,'/usr/lib/llvm-19/lib/clang/19/include/__stdarg___gnuc_va_list.h','cc827657e7f59c18e108ffeb5d728dac',3);
INSERT INTO files VALUES(20,'/usr/include/x86_64-linux-gnu/bits/types.h','ed25011cb8174df7e6bc57a229d4d0f2',3);
INSERT INTO files VALUES(21,'/usr/include/x86_64-linux-gnu/bits/typesizes.h','182fcf5991be61082b43dbb84424c38c',3);
INSERT INTO files VALUES(22,'/usr/include/x86_64-linux-gnu/bits/time64.h','436370f8a108382bf6b210c062972744',3);
INSERT INTO files VALUES(23,'/usr/include/x86_64-linux-gnu/bits/types/__fpos_t.h','c5205892f8c54f201a155edf73062395',3);
INSERT INTO files VALUES(24,'/usr/include/x86_64-linux-gnu/bits/types/__mbstate_t.h','6ceaa2f9123b375b35f1243e0705e780',3);
INSERT INTO files VALUES(25,'/usr/include/x86_64-linux-gnu/bits/types/__fpos64_t.h','eae4a96b2f1174b280539d1f5e08b8c8',3);
INSERT INTO files VALUES(26,'/usr/include/x86_64-linux-gnu/bits/types/__FILE.h','68ea304a555fc0621511e60333beafce',3);
INSERT INTO files VALUES(27,'/usr/include/x86_64-linux-gnu/bits/types/FILE.h','ef38dac6263256026547672301f24bb1',3);
INSERT INTO files VALUES(28,'/usr/include/x86_64-linux-gnu/bits/types/struct_FILE.h','6270ef7e57cebd455f8abc3d329bfcf9',3);
INSERT INTO files VALUES(29,'/usr/include/x86_64-linux-gnu/bits/stdio_lim.h','708d478d55b4e40a08a14cd5141fb647',3);
INSERT INTO files VALUES(30,'/usr/include/x86_64-linux-gnu/bits/floatn.h','c27440d29ceb99cc6397d13f843cc67b',3);
INSERT INTO files VALUES(31,'/usr/include/x86_64-linux-gnu/bits/floatn-common.h','1e63cdcf1a2698fd683fa2f797fe25c0',3);
CREATE TABLE tu_files (
    tu_id INTEGER NOT NULL REFERENCES tus(id) ON DELETE CASCADE,
    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    PRIMARY KEY (tu_id, file_id)
) WITHOUT ROWID;
INSERT INTO tu_files VALUES(1,1);
INSERT INTO tu_files VALUES(3,1);
INSERT INTO tu_files VALUES(1,2);
INSERT INTO tu_files VALUES(2,2);
INSERT INTO tu_files VALUES(3,2);
INSERT INTO tu_files VALUES(4,2);
INSERT INTO tu_files VALUES(5,2);
INSERT INTO tu_files VALUES(2,3);
INSERT INTO tu_files VALUES(4,3);
INSERT INTO tu_files VALUES(5,3);
INSERT INTO tu_files VALUES(2,4);
INSERT INTO tu_files VALUES(4,4);
INSERT INTO tu_files VALUES(5,4);
INSERT INTO tu_files VALUES(2,5);
INSERT INTO tu_files VALUES(4,5);
INSERT INTO tu_files VALUES(5,5);
INSERT INTO tu_files VALUES(2,6);
INSERT INTO tu_files VALUES(4,6);
INSERT INTO tu_files VALUES(5,6);
INSERT INTO tu_files VALUES(2,7);
INSERT INTO tu_files VALUES(4,7);
INSERT INTO tu_files VALUES(5,7);
INSERT INTO tu_files VALUES(2,8);
INSERT INTO tu_files VALUES(4,8);
INSERT INTO tu_files VALUES(5,8);
INSERT INTO tu_files VALUES(2,9);
INSERT INTO tu_files VALUES(4,9);
INSERT INTO tu_files VALUES(5,9);
INSERT INTO tu_files VALUES(2,10);
INSERT INTO tu_files VALUES(4,10);
INSERT INTO tu_files VALUES(5,10);
INSERT INTO tu_files VALUES(2,11);
INSERT INTO tu_files VALUES(4,11);
INSERT INTO tu_files VALUES(5,11);
INSERT INTO tu_files VALUES(2,12);
INSERT INTO tu_files VALUES(4,12);
INSERT INTO tu_files VALUES(5,12);
INSERT INTO tu_files VALUES(2,13);
INSERT INTO tu_files VALUES(4,13);
INSERT INTO tu_files VALUES(5,13);
INSERT INTO tu_files VALUES(2,14);
INSERT INTO tu_files VALUES(4,14);
INSERT INTO tu_files VALUES(5,14);
INSERT INTO tu_files VALUES(2,15);
INSERT INTO tu_files VALUES(4,15);
INSERT INTO tu_files VALUES(5,15);
INSERT INTO tu_files VALUES(2,16);
INSERT INTO tu_files VALUES(4,16);
INSERT INTO tu_files VALUES(5,16);
INSERT INTO tu_files VALUES(2,17);
INSERT INTO tu_files VALUES(4,17);
INSERT INTO tu_files VALUES(5,17);
INSERT INTO tu_files VALUES(2,18);
INSERT INTO tu_files VALUES(4,18);
INSERT INTO tu_files VALUES(5,18);
INSERT INTO tu_files VALUES(2,19);
INSERT INTO tu_files VALUES(4,19);
INSERT INTO tu_files VALUES(5,19);
INSERT INTO tu_files VALUES(2,20);
INSERT INTO tu_files VALUES(4,20);
INSERT INTO tu_files VALUES(5,20);
INSERT INTO tu_files VALUES(2,21);
INSERT INTO tu_files VALUES(4,21);
INSERT INTO tu_files VALUES(5,21);
INSERT INTO tu_files VALUES(2,22);
INSERT INTO tu_files VALUES(4,22);
INSERT INTO tu_files VALUES(5,22);
INSERT INTO tu_files VALUES(2,23);
INSERT INTO tu_files VALUES(4,23);
INSERT INTO tu_files VALUES(5,23);
INSERT INTO tu_files VALUES(2,24);
INSERT INTO tu_files VALUES(4,24);
INSERT INTO tu_files VALUES(5,24);
INSERT INTO tu_files VALUES(2,25);
INSERT INTO tu_files VALUES(4,25);
INSERT INTO tu_files VALUES(5,25);
INSERT INTO tu_files VALUES(2,26);
INSERT INTO tu_files VALUES(4,26);
INSERT INTO tu_files VALUES(5,26);
INSERT INTO tu_files VALUES(2,27);
INSERT INTO tu_files VALUES(4,27);
INSERT INTO tu_files VALUES(5,27);
INSERT INTO tu_files VALUES(2,28);
INSERT INTO tu_files VALUES(4,28);
INSERT INTO tu_files VALUES(5,28);
INSERT INTO tu_files VALUES(2,29);
INSERT INTO tu_files VALUES(4,29);
INSERT INTO tu_files VALUES(5,29);
INSERT INTO tu_files VALUES(2,30);
INSERT INTO tu_files VALUES(4,30);
INSERT INTO tu_files VALUES(5,30);
INSERT INTO tu_files VALUES(2,31);
INSERT INTO tu_files VALUES(4,31);
INSERT INTO tu_files VALUES(5,31);
CREATE TABLE findings (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    tu_id INTEGER REFERENCES tus(id) ON DELETE CASCADE,
    rule TEXT NOT NULL,
    severity TEXT NOT NULL CHECK (severity IN ('note', 'warning', 'error')),
    message TEXT,
    file TEXT,
    line INTEGER,
    col INTEGER,
    end_line INTEGER,
    end_col INTEGER,
    function TEXT,
    fingerprint TEXT,
    suppressed INTEGER NOT NULL DEFAULT 0,
    suppression_note TEXT
);
INSERT INTO findings VALUES(1,1,1,'stack-address-escape','warning','address of local ''local'' escapes via static global ''g_name''','@DIR@/registry.c',16,5,16,19,'registry_bad','3b3e3a8cfbeefbc16ff28b69054d97e5',0,NULL);
INSERT INTO findings VALUES(2,1,2,'stack-address-escape','warning','address of local ''name'' escapes via ''registry_keep'', which stores it in global ''g_name''','@DIR@/main.c',11,5,11,24,'remember','2a3fc7bad273b4d064c05799cf3ac69c',0,NULL);
INSERT INTO findings VALUES(3,1,2,'stack-address-escape','warning','address of local ''c'' escapes via static global ''g_last''','@DIR@/main.c',16,5,16,16,'track','ae75bba47c17ec447c210ddb36865ffa',0,NULL);
INSERT INTO findings VALUES(4,1,2,'handle-leak','warning','FILE ''f'' from ''fopen'' is not released on this path (lost at return)','@DIR@/main.c',20,15,20,31,'log_line','d6a1c4998b165381eefb988e3e82680e',0,NULL);
INSERT INTO findings VALUES(5,2,3,'stack-address-escape','warning','address of local ''local'' escapes via static global ''g_name''','@DIR@/registry.c',16,5,16,19,'registry_bad','3b3e3a8cfbeefbc16ff28b69054d97e5',0,NULL);
INSERT INTO findings VALUES(6,2,4,'stack-address-escape','warning','address of local ''name'' escapes via ''registry_keep'', which stores it in global ''g_name''','@DIR@/main.c',11,5,11,24,'remember','2a3fc7bad273b4d064c05799cf3ac69c',0,NULL);
INSERT INTO findings VALUES(7,2,4,'handle-leak','warning','FILE ''f'' from ''fopen'' is not released on this path (lost at return)','@DIR@/main.c',21,15,21,31,'log_line','d6a1c4998b165381eefb988e3e82680e',0,NULL);
INSERT INTO findings VALUES(8,3,5,'stack-address-escape','warning','address of local ''name'' escapes via ''registry_keep'', which stores it in global ''g_name''','@DIR@/main.c',11,5,11,24,'remember','2a3fc7bad273b4d064c05799cf3ac69c',0,NULL);
INSERT INTO findings VALUES(9,3,5,'handle-leak','warning','FILE ''f'' from ''fopen'' is not released on this path (lost at return)','@DIR@/main.c',21,15,21,31,'log_line','d6a1c4998b165381eefb988e3e82680e',0,NULL);
CREATE TABLE finding_steps (
    finding_id INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    file TEXT,
    line INTEGER,
    col INTEGER,
    message TEXT,
    PRIMARY KEY (finding_id, idx)
) WITHOUT ROWID;
INSERT INTO finding_steps VALUES(1,0,'@DIR@/registry.c',16,5,'address of local ''local'' taken here');
INSERT INTO finding_steps VALUES(1,1,'@DIR@/registry.c',16,5,'stored into ''g_name'' here');
INSERT INTO finding_steps VALUES(1,2,'@DIR@/registry.c',17,2,'the function returns here while the address is still stored');
INSERT INTO finding_steps VALUES(2,0,'@DIR@/main.c',10,5,'address of local ''name'' taken here');
INSERT INTO finding_steps VALUES(2,1,'@DIR@/main.c',11,5,'passed to ''registry_keep'' here');
INSERT INTO finding_steps VALUES(2,2,'@DIR@/main.c',12,2,'the function returns here while the address is still stored');
INSERT INTO finding_steps VALUES(3,0,'@DIR@/main.c',16,5,'address of local ''c'' taken here');
INSERT INTO finding_steps VALUES(3,1,'@DIR@/main.c',16,5,'stored into ''g_last'' here');
INSERT INTO finding_steps VALUES(3,2,'@DIR@/main.c',17,2,'the function returns here while the address is still stored');
INSERT INTO finding_steps VALUES(4,0,'@DIR@/main.c',20,15,'acquired here by ''fopen''');
INSERT INTO finding_steps VALUES(4,1,'@DIR@/main.c',21,10,'assuming ''f'' is not NULL');
INSERT INTO finding_steps VALUES(4,2,'@DIR@/main.c',23,5,'the function returns here; the handle is not released');
INSERT INTO finding_steps VALUES(5,0,'@DIR@/registry.c',16,5,'address of local ''local'' taken here');
INSERT INTO finding_steps VALUES(5,1,'@DIR@/registry.c',16,5,'stored into ''g_name'' here');
INSERT INTO finding_steps VALUES(5,2,'@DIR@/registry.c',17,2,'the function returns here while the address is still stored');
INSERT INTO finding_steps VALUES(6,0,'@DIR@/main.c',10,5,'address of local ''name'' taken here');
INSERT INTO finding_steps VALUES(6,1,'@DIR@/main.c',11,5,'passed to ''registry_keep'' here');
INSERT INTO finding_steps VALUES(6,2,'@DIR@/main.c',12,2,'the function returns here while the address is still stored');
INSERT INTO finding_steps VALUES(7,0,'@DIR@/main.c',21,15,'acquired here by ''fopen''');
INSERT INTO finding_steps VALUES(7,1,'@DIR@/main.c',22,10,'assuming ''f'' is not NULL');
INSERT INTO finding_steps VALUES(7,2,'@DIR@/main.c',24,5,'the function returns here; the handle is not released');
INSERT INTO finding_steps VALUES(8,0,'@DIR@/main.c',10,5,'address of local ''name'' taken here');
INSERT INTO finding_steps VALUES(8,1,'@DIR@/main.c',11,5,'passed to ''registry_keep'' here');
INSERT INTO finding_steps VALUES(8,2,'@DIR@/main.c',12,2,'the function returns here while the address is still stored');
INSERT INTO finding_steps VALUES(9,0,'@DIR@/main.c',21,15,'acquired here by ''fopen''');
INSERT INTO finding_steps VALUES(9,1,'@DIR@/main.c',22,10,'assuming ''f'' is not NULL');
INSERT INTO finding_steps VALUES(9,2,'@DIR@/main.c',24,5,'the function returns here; the handle is not released');
CREATE TABLE summaries (
    usr TEXT NOT NULL PRIMARY KEY,
    name TEXT,
    file TEXT,
    run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL,
    data TEXT NOT NULL
);
INSERT INTO summaries VALUES('c:@F@registry_keep','registry_keep','@DIR@/registry.c',2,'{"v":1,"line":6,"nparams":1,"params":[{"escapes":["global:g_name"],"line":7,"handle":2}],"returns_const":false,"noreturn":false,"clobbers":["c:registry.c@g_name"]}');
INSERT INTO summaries VALUES('c:@F@registry_get','registry_get','@DIR@/registry.c',2,'{"v":1,"line":10,"nparams":0,"params":[],"returns_const":false,"noreturn":false}');
INSERT INTO summaries VALUES('c:@F@registry_bad','registry_bad','@DIR@/registry.c',2,'{"v":1,"line":14,"nparams":0,"params":[],"returns_const":false,"noreturn":false,"clobbers":["c:registry.c@g_name"]}');
INSERT INTO summaries VALUES('c:@F@remember','remember','@DIR@/main.c',3,'{"v":1,"line":8,"nparams":0,"params":[],"returns_const":false,"noreturn":false,"clobbers":["c:registry.c@g_name"]}');
INSERT INTO summaries VALUES('c:@F@track','track','@DIR@/main.c',3,'{"v":1,"line":14,"nparams":0,"params":[],"returns_const":false,"noreturn":false,"clobbers":["c:main.c@g_last"]}');
INSERT INTO summaries VALUES('c:@F@log_line','log_line','@DIR@/main.c',3,'{"v":1,"line":20,"nparams":1,"params":[{}],"returns_const":false,"noreturn":false}');
CREATE INDEX tus_run ON tus(run_id);
CREATE INDEX tus_main_file ON tus(main_file);
CREATE INDEX tu_files_file ON tu_files(file_id);
CREATE INDEX findings_run ON findings(run_id);
CREATE INDEX findings_fingerprint ON findings(fingerprint);
CREATE INDEX findings_tu ON findings(tu_id);
PRAGMA user_version = 2;
COMMIT;
