; ModuleID = 'traceN'
source_filename = "traceN"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define i32 @traceN(ptr %0, ptr %1) {
entry:
  %t = alloca i32, align 4
  %t1 = alloca i64, align 8
  %t2 = alloca i64, align 8
  %t3 = alloca i64, align 8
  %t4 = alloca i64, align 8
  %g = alloca i64, align 8
  %g5 = alloca i64, align 8
  %g6 = alloca i64, align 8
  %g7 = alloca i64, align 8
  %g8 = alloca i64, align 8
  %g9 = alloca i32, align 4
  %g10 = alloca i32, align 4
  %g11 = alloca i32, align 4
  %g12 = alloca i32, align 4
  %g13 = alloca i64, align 8
  %steps = alloca i32, align 4
  store i32 0, ptr %steps, align 4
  %fpout = alloca i64, align 8
  %2 = getelementptr i8, ptr %0, i64 64
  %3 = load i64, ptr %2, align 4
  store i64 %3, ptr %g, align 4
  %4 = getelementptr i8, ptr %0, i64 80
  %5 = load i64, ptr %4, align 4
  store i64 %5, ptr %g5, align 4
  %6 = getelementptr i8, ptr %0, i64 72
  %7 = load i64, ptr %6, align 4
  store i64 %7, ptr %g6, align 4
  %8 = getelementptr i8, ptr %0, i64 96
  %9 = load i64, ptr %8, align 4
  store i64 %9, ptr %g7, align 4
  %10 = getelementptr i8, ptr %0, i64 88
  %11 = load i64, ptr %10, align 4
  store i64 %11, ptr %g8, align 4
  %12 = getelementptr i8, ptr %0, i64 540
  %13 = load i32, ptr %12, align 4
  store i32 %13, ptr %g9, align 4
  %14 = getelementptr i8, ptr %0, i64 536
  %15 = load i32, ptr %14, align 4
  store i32 %15, ptr %g10, align 4
  %16 = getelementptr i8, ptr %0, i64 528
  %17 = load i32, ptr %16, align 4
  store i32 %17, ptr %g11, align 4
  %18 = getelementptr i8, ptr %0, i64 532
  %19 = load i32, ptr %18, align 4
  store i32 %19, ptr %g12, align 4
  %20 = getelementptr i8, ptr %0, i64 320
  %21 = load i64, ptr %20, align 4
  store i64 %21, ptr %g13, align 4
  br label %pc_HEAD+0

pc_HEAD+0:                                        ; preds = %L17, %entry
  %22 = load i32, ptr %steps, align 4
  %23 = call i32 asm "", "=r,0"(i32 %22)
  store i32 %23, ptr %steps, align 4
  %24 = getelementptr i8, ptr %0, i64 ENV_NEG_OFFSET
  %25 = load volatile i32, ptr %24, align 4
  store i32 %25, ptr %t, align 4
  %26 = load i32, ptr %t, align 4
  %27 = icmp slt i32 %26, 0
  br i1 %27, label %L, label %28

28:                                               ; preds = %pc_HEAD+0
  fence acq_rel
  %29 = load i64, ptr %g, align 4
  %30 = shl i64 %29, 8
  store i64 %30, ptr %t1, align 4
  %31 = load i64, ptr %t1, align 4
  %32 = ashr i64 %31, 8
  store i64 %32, ptr %t1, align 4
  %33 = load i64, ptr %g, align 4
  %34 = load i64, ptr %t1, align 4
  %35 = and i64 %34, %33
  store i64 %35, ptr %t1, align 4
  %36 = load i64, ptr %g, align 4
  %untagged = and i64 %36, 72057594037927935
  store volatile i32 0, ptr %1, align 4
  %37 = load i64, ptr %t1, align 4
  %38 = and i64 %37, 7
  %39 = icmp ne i64 %38, 0
  br i1 %39, label %unaligned, label %aligned

L:                                                ; preds = %pc_HEAD+0
  %40 = getelementptr i8, ptr %0, i64 80
  %41 = load i64, ptr %g5, align 4
  store i64 %41, ptr %40, align 4
  %42 = getelementptr i8, ptr %0, i64 96
  %43 = load i64, ptr %g7, align 4
  store i64 %43, ptr %42, align 4
  %44 = getelementptr i8, ptr %0, i64 88
  %45 = load i64, ptr %g8, align 4
  store i64 %45, ptr %44, align 4
  %46 = getelementptr i8, ptr %0, i64 540
  %47 = load i32, ptr %g9, align 4
  store i32 %47, ptr %46, align 4
  %48 = getelementptr i8, ptr %0, i64 536
  %49 = load i32, ptr %g10, align 4
  store i32 %49, ptr %48, align 4
  %50 = getelementptr i8, ptr %0, i64 528
  %51 = load i32, ptr %g11, align 4
  store i32 %51, ptr %50, align 4
  %52 = getelementptr i8, ptr %0, i64 532
  %53 = load i32, ptr %g12, align 4
  store i32 %53, ptr %52, align 4
  %54 = getelementptr i8, ptr %0, i64 320
  store i64 HEAD+0, ptr %54, align 4
  %55 = getelementptr i8, ptr %1, i64 4
  %56 = load i32, ptr %steps, align 4
  store i32 %56, ptr %55, align 4
  ret i32 2

unaligned:                                        ; preds = %28
  %57 = getelementptr i8, ptr %0, i64 80
  %58 = load i64, ptr %g5, align 4
  store i64 %58, ptr %57, align 4
  %59 = getelementptr i8, ptr %0, i64 96
  %60 = load i64, ptr %g7, align 4
  store i64 %60, ptr %59, align 4
  %61 = getelementptr i8, ptr %0, i64 88
  %62 = load i64, ptr %g8, align 4
  store i64 %62, ptr %61, align 4
  %63 = getelementptr i8, ptr %0, i64 540
  %64 = load i32, ptr %g9, align 4
  store i32 %64, ptr %63, align 4
  %65 = getelementptr i8, ptr %0, i64 536
  %66 = load i32, ptr %g10, align 4
  store i32 %66, ptr %65, align 4
  %67 = getelementptr i8, ptr %0, i64 528
  %68 = load i32, ptr %g11, align 4
  store i32 %68, ptr %67, align 4
  %69 = getelementptr i8, ptr %0, i64 532
  %70 = load i32, ptr %g12, align 4
  store i32 %70, ptr %69, align 4
  call void inttoptr (i64 HOSTADDR to ptr)(ptr %0, i64 %37)
  unreachable

aligned:                                          ; preds = %28
  %71 = inttoptr i64 %untagged to ptr
  %72 = load i64, ptr %g5, align 4
  store volatile i64 %72, ptr %71, align 1
  fence seq_cst
  %73 = load i64, ptr %g6, align 4
  %74 = shl i64 %73, 8
  store i64 %74, ptr %t1, align 4
  %75 = load i64, ptr %t1, align 4
  %76 = ashr i64 %75, 8
  store i64 %76, ptr %t1, align 4
  %77 = load i64, ptr %g6, align 4
  %78 = load i64, ptr %t1, align 4
  %79 = and i64 %78, %77
  store i64 %79, ptr %t1, align 4
  %80 = load i64, ptr %g6, align 4
  %untagged14 = and i64 %80, 72057594037927935
  %81 = load i64, ptr %t1, align 4
  %82 = and i64 %81, 7
  %83 = icmp ne i64 %82, 0
  br i1 %83, label %unaligned15, label %aligned16

unaligned15:                                      ; preds = %aligned
  %84 = getelementptr i8, ptr %0, i64 80
  %85 = load i64, ptr %g5, align 4
  store i64 %85, ptr %84, align 4
  %86 = getelementptr i8, ptr %0, i64 96
  %87 = load i64, ptr %g7, align 4
  store i64 %87, ptr %86, align 4
  %88 = getelementptr i8, ptr %0, i64 88
  %89 = load i64, ptr %g8, align 4
  store i64 %89, ptr %88, align 4
  %90 = getelementptr i8, ptr %0, i64 540
  %91 = load i32, ptr %g9, align 4
  store i32 %91, ptr %90, align 4
  %92 = getelementptr i8, ptr %0, i64 536
  %93 = load i32, ptr %g10, align 4
  store i32 %93, ptr %92, align 4
  %94 = getelementptr i8, ptr %0, i64 528
  %95 = load i32, ptr %g11, align 4
  store i32 %95, ptr %94, align 4
  %96 = getelementptr i8, ptr %0, i64 532
  %97 = load i32, ptr %g12, align 4
  store i32 %97, ptr %96, align 4
  call void inttoptr (i64 HOSTADDR to ptr)(ptr %0, i64 %81)
  unreachable

aligned16:                                        ; preds = %aligned
  %98 = inttoptr i64 %untagged14 to ptr
  %99 = load volatile i64, ptr %98, align 1
  store i64 %99, ptr %g7, align 4
  fence acq_rel
  %100 = load i64, ptr %g8, align 4
  store i64 %100, ptr %t1, align 4
  %101 = load i64, ptr %g7, align 4
  store i64 %101, ptr %t2, align 4
  %102 = load i64, ptr %g7, align 4
  %103 = load i64, ptr %g8, align 4
  %104 = add i64 %103, %102
  store i64 %104, ptr %t3, align 4
  %105 = load i64, ptr %t3, align 4
  store i64 %105, ptr %g8, align 4
  %106 = load i64, ptr %g5, align 4
  %107 = sub i64 %106, 1
  store i64 %107, ptr %t2, align 4
  %108 = load i64, ptr %t2, align 4
  %109 = load i64, ptr %t2, align 4
  %110 = trunc i64 %109 to i32
  store i32 %110, ptr %g9, align 4
  %111 = load i64, ptr %t2, align 4
  %112 = lshr i64 %111, 32
  store i64 %112, ptr %t4, align 4
  %113 = load i64, ptr %t4, align 4
  %114 = load i64, ptr %t4, align 4
  %115 = trunc i64 %114 to i32
  store i32 %115, ptr %g10, align 4
  %116 = icmp ne i64 %108, 0
  %zf = zext i1 %116 to i32
  store i32 %zf, ptr %g9, align 4
  %117 = load i64, ptr %g5, align 4
  %118 = icmp uge i64 %117, 1
  %119 = zext i1 %118 to i64
  store i64 %119, ptr %t3, align 4
  %120 = load i64, ptr %t3, align 4
  %121 = load i64, ptr %t3, align 4
  %122 = trunc i64 %121 to i32
  store i32 %122, ptr %g11, align 4
  %123 = load i64, ptr %g5, align 4
  %124 = load i64, ptr %t2, align 4
  %125 = xor i64 %124, %123
  store i64 %125, ptr %t3, align 4
  %126 = load i64, ptr %g5, align 4
  %127 = xor i64 %126, 1
  store i64 %127, ptr %t4, align 4
  %128 = load i64, ptr %t4, align 4
  %129 = load i64, ptr %t3, align 4
  %130 = and i64 %129, %128
  store i64 %130, ptr %t3, align 4
  %131 = load i64, ptr %t3, align 4
  %132 = lshr i64 %131, 32
  store i64 %132, ptr %t4, align 4
  %133 = load i64, ptr %t4, align 4
  %134 = load i64, ptr %t4, align 4
  %135 = trunc i64 %134 to i32
  store i32 %135, ptr %g12, align 4
  %136 = load i64, ptr %t2, align 4
  store i64 %136, ptr %t1, align 4
  %137 = load i64, ptr %t1, align 4
  store i64 %137, ptr %g5, align 4
  %138 = load i32, ptr %g9, align 4
  %139 = icmp ne i32 %138, 0
  br i1 %139, label %L17, label %140

140:                                              ; preds = %aligned16
  store i64 HEAD+20, ptr %g13, align 4
  %141 = getelementptr i8, ptr %0, i64 80
  %142 = load i64, ptr %g5, align 4
  store i64 %142, ptr %141, align 4
  %143 = getelementptr i8, ptr %0, i64 96
  %144 = load i64, ptr %g7, align 4
  store i64 %144, ptr %143, align 4
  %145 = getelementptr i8, ptr %0, i64 88
  %146 = load i64, ptr %g8, align 4
  store i64 %146, ptr %145, align 4
  %147 = getelementptr i8, ptr %0, i64 540
  %148 = load i32, ptr %g9, align 4
  store i32 %148, ptr %147, align 4
  %149 = getelementptr i8, ptr %0, i64 536
  %150 = load i32, ptr %g10, align 4
  store i32 %150, ptr %149, align 4
  %151 = getelementptr i8, ptr %0, i64 528
  %152 = load i32, ptr %g11, align 4
  store i32 %152, ptr %151, align 4
  %153 = getelementptr i8, ptr %0, i64 532
  %154 = load i32, ptr %g12, align 4
  store i32 %154, ptr %153, align 4
  %155 = getelementptr i8, ptr %0, i64 320
  %156 = load i64, ptr %g13, align 4
  store i64 %156, ptr %155, align 4
  %157 = getelementptr i8, ptr %1, i64 4
  %158 = load i32, ptr %steps, align 4
  store i32 %158, ptr %157, align 4
  ret i32 1

L17:                                              ; preds = %aligned16
  %159 = load i32, ptr %steps, align 4
  %160 = add i32 %159, 1
  store i32 %160, ptr %steps, align 4
  br label %pc_HEAD+0

dead:                                             ; No predecessors!
  unreachable

dead18:                                           ; No predecessors!
  unreachable

dead19:                                           ; No predecessors!
  unreachable
}

