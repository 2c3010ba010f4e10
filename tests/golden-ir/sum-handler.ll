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
  %g8 = alloca i32, align 4
  %g9 = alloca i32, align 4
  %g10 = alloca i32, align 4
  %g11 = alloca i32, align 4
  %g12 = alloca i64, align 8
  %steps = alloca i32, align 4
  store i32 0, ptr %steps, align 4
  %fpout = alloca i64, align 8
  %2 = getelementptr i8, ptr %0, i64 64
  %3 = load i64, ptr %2, align 4
  store i64 %3, ptr %g, align 4
  %4 = getelementptr i8, ptr %0, i64 88
  %5 = load i64, ptr %4, align 4
  store i64 %5, ptr %g5, align 4
  %6 = getelementptr i8, ptr %0, i64 80
  %7 = load i64, ptr %6, align 4
  store i64 %7, ptr %g6, align 4
  %8 = getelementptr i8, ptr %0, i64 72
  %9 = load i64, ptr %8, align 4
  store i64 %9, ptr %g7, align 4
  %10 = getelementptr i8, ptr %0, i64 540
  %11 = load i32, ptr %10, align 4
  store i32 %11, ptr %g8, align 4
  %12 = getelementptr i8, ptr %0, i64 536
  %13 = load i32, ptr %12, align 4
  store i32 %13, ptr %g9, align 4
  %14 = getelementptr i8, ptr %0, i64 528
  %15 = load i32, ptr %14, align 4
  store i32 %15, ptr %g10, align 4
  %16 = getelementptr i8, ptr %0, i64 532
  %17 = load i32, ptr %16, align 4
  store i32 %17, ptr %g11, align 4
  %18 = getelementptr i8, ptr %0, i64 320
  %19 = load i64, ptr %18, align 4
  store i64 %19, ptr %g12, align 4
  br label %pc_HEAD+0

pc_HEAD+0:                                        ; preds = %L13, %entry
  %20 = load i32, ptr %steps, align 4
  %21 = call i32 asm "", "=r,0"(i32 %20)
  store i32 %21, ptr %steps, align 4
  %22 = getelementptr i8, ptr %0, i64 ENV_NEG_OFFSET
  %23 = load volatile i32, ptr %22, align 4
  store i32 %23, ptr %t, align 4
  %24 = load i32, ptr %t, align 4
  %25 = icmp slt i32 %24, 0
  br i1 %25, label %L, label %26

26:                                               ; preds = %pc_HEAD+0
  %27 = load i64, ptr %g, align 4
  store i64 %27, ptr %t1, align 4
  %28 = load i64, ptr %g, align 4
  %29 = shl i64 %28, 8
  store i64 %29, ptr %t2, align 4
  %30 = load i64, ptr %t2, align 4
  %31 = ashr i64 %30, 8
  store i64 %31, ptr %t2, align 4
  %32 = load i64, ptr %g, align 4
  %33 = load i64, ptr %t2, align 4
  %34 = and i64 %33, %32
  store i64 %34, ptr %t2, align 4
  store volatile i32 0, ptr %1, align 4
  %35 = getelementptr i8, ptr %0, i64 64
  %36 = load i64, ptr %g, align 4
  store i64 %36, ptr %35, align 4
  %37 = getelementptr i8, ptr %0, i64 72
  %38 = load i64, ptr %g7, align 4
  store i64 %38, ptr %37, align 4
  %39 = getelementptr i8, ptr %0, i64 540
  %40 = load i32, ptr %g8, align 4
  store i32 %40, ptr %39, align 4
  %41 = getelementptr i8, ptr %0, i64 536
  %42 = load i32, ptr %g9, align 4
  store i32 %42, ptr %41, align 4
  %43 = getelementptr i8, ptr %0, i64 528
  %44 = load i32, ptr %g10, align 4
  store i32 %44, ptr %43, align 4
  %45 = getelementptr i8, ptr %0, i64 532
  %46 = load i32, ptr %g11, align 4
  store i32 %46, ptr %45, align 4
  call void asm sideeffect "", "~{memory}"()
  %47 = load i64, ptr %t2, align 4
  %48 = inttoptr i64 %47 to ptr
  %49 = load volatile i64, ptr %48, align 1
  store i64 %49, ptr %g5, align 4
  %50 = load i64, ptr %g6, align 4
  store i64 %50, ptr %t1, align 4
  %51 = load i64, ptr %g5, align 4
  store i64 %51, ptr %t2, align 4
  %52 = load i64, ptr %g5, align 4
  %53 = load i64, ptr %g6, align 4
  %54 = add i64 %53, %52
  store i64 %54, ptr %t3, align 4
  %55 = load i64, ptr %t3, align 4
  store i64 %55, ptr %g6, align 4
  %56 = load i64, ptr %g, align 4
  store i64 %56, ptr %t1, align 4
  %57 = load i64, ptr %g, align 4
  %58 = shl i64 %57, 8
  store i64 %58, ptr %t2, align 4
  %59 = load i64, ptr %t2, align 4
  %60 = ashr i64 %59, 8
  store i64 %60, ptr %t2, align 4
  %61 = load i64, ptr %g, align 4
  %62 = load i64, ptr %t2, align 4
  %63 = and i64 %62, %61
  store i64 %63, ptr %t2, align 4
  store volatile i32 2, ptr %1, align 4
  %64 = getelementptr i8, ptr %0, i64 88
  %65 = load i64, ptr %g5, align 4
  store i64 %65, ptr %64, align 4
  %66 = getelementptr i8, ptr %0, i64 80
  %67 = load i64, ptr %g6, align 4
  store i64 %67, ptr %66, align 4
  call void asm sideeffect "", "~{memory}"()
  %68 = load i64, ptr %t2, align 4
  %69 = inttoptr i64 %68 to ptr
  %70 = load i64, ptr %g6, align 4
  store volatile i64 %70, ptr %69, align 1
  %71 = load i64, ptr %g, align 4
  %72 = add i64 %71, 8
  store i64 %72, ptr %t1, align 4
  %73 = load i64, ptr %t1, align 4
  store i64 %73, ptr %g, align 4
  %74 = load i64, ptr %g7, align 4
  %75 = sub i64 %74, 1
  store i64 %75, ptr %t2, align 4
  %76 = load i64, ptr %t2, align 4
  %77 = load i64, ptr %t2, align 4
  %78 = trunc i64 %77 to i32
  store i32 %78, ptr %g8, align 4
  %79 = load i64, ptr %t2, align 4
  %80 = lshr i64 %79, 32
  store i64 %80, ptr %t4, align 4
  %81 = load i64, ptr %t4, align 4
  %82 = load i64, ptr %t4, align 4
  %83 = trunc i64 %82 to i32
  store i32 %83, ptr %g9, align 4
  %84 = icmp ne i64 %76, 0
  %zf = zext i1 %84 to i32
  store i32 %zf, ptr %g8, align 4
  %85 = load i64, ptr %g7, align 4
  %86 = icmp uge i64 %85, 1
  %87 = zext i1 %86 to i64
  store i64 %87, ptr %t3, align 4
  %88 = load i64, ptr %t3, align 4
  %89 = load i64, ptr %t3, align 4
  %90 = trunc i64 %89 to i32
  store i32 %90, ptr %g10, align 4
  %91 = load i64, ptr %g7, align 4
  %92 = load i64, ptr %t2, align 4
  %93 = xor i64 %92, %91
  store i64 %93, ptr %t3, align 4
  %94 = load i64, ptr %g7, align 4
  %95 = xor i64 %94, 1
  store i64 %95, ptr %t4, align 4
  %96 = load i64, ptr %t4, align 4
  %97 = load i64, ptr %t3, align 4
  %98 = and i64 %97, %96
  store i64 %98, ptr %t3, align 4
  %99 = load i64, ptr %t3, align 4
  %100 = lshr i64 %99, 32
  store i64 %100, ptr %t4, align 4
  %101 = load i64, ptr %t4, align 4
  %102 = load i64, ptr %t4, align 4
  %103 = trunc i64 %102 to i32
  store i32 %103, ptr %g11, align 4
  %104 = load i64, ptr %t2, align 4
  store i64 %104, ptr %t1, align 4
  %105 = load i64, ptr %t1, align 4
  store i64 %105, ptr %g7, align 4
  %106 = load i32, ptr %g8, align 4
  %107 = icmp ne i32 %106, 0
  br i1 %107, label %L13, label %123

L:                                                ; preds = %pc_HEAD+0
  %108 = getelementptr i8, ptr %0, i64 64
  %109 = load i64, ptr %g, align 4
  store i64 %109, ptr %108, align 4
  %110 = getelementptr i8, ptr %0, i64 72
  %111 = load i64, ptr %g7, align 4
  store i64 %111, ptr %110, align 4
  %112 = getelementptr i8, ptr %0, i64 540
  %113 = load i32, ptr %g8, align 4
  store i32 %113, ptr %112, align 4
  %114 = getelementptr i8, ptr %0, i64 536
  %115 = load i32, ptr %g9, align 4
  store i32 %115, ptr %114, align 4
  %116 = getelementptr i8, ptr %0, i64 528
  %117 = load i32, ptr %g10, align 4
  store i32 %117, ptr %116, align 4
  %118 = getelementptr i8, ptr %0, i64 532
  %119 = load i32, ptr %g11, align 4
  store i32 %119, ptr %118, align 4
  %120 = getelementptr i8, ptr %0, i64 320
  store i64 HEAD+0, ptr %120, align 4
  %121 = getelementptr i8, ptr %1, i64 4
  %122 = load i32, ptr %steps, align 4
  store i32 %122, ptr %121, align 4
  ret i32 2

123:                                              ; preds = %26
  store i64 HEAD+20, ptr %g12, align 4
  %124 = getelementptr i8, ptr %0, i64 64
  %125 = load i64, ptr %g, align 4
  store i64 %125, ptr %124, align 4
  %126 = getelementptr i8, ptr %0, i64 72
  %127 = load i64, ptr %g7, align 4
  store i64 %127, ptr %126, align 4
  %128 = getelementptr i8, ptr %0, i64 540
  %129 = load i32, ptr %g8, align 4
  store i32 %129, ptr %128, align 4
  %130 = getelementptr i8, ptr %0, i64 536
  %131 = load i32, ptr %g9, align 4
  store i32 %131, ptr %130, align 4
  %132 = getelementptr i8, ptr %0, i64 528
  %133 = load i32, ptr %g10, align 4
  store i32 %133, ptr %132, align 4
  %134 = getelementptr i8, ptr %0, i64 532
  %135 = load i32, ptr %g11, align 4
  store i32 %135, ptr %134, align 4
  %136 = getelementptr i8, ptr %0, i64 320
  %137 = load i64, ptr %g12, align 4
  store i64 %137, ptr %136, align 4
  %138 = getelementptr i8, ptr %1, i64 4
  %139 = load i32, ptr %steps, align 4
  store i32 %139, ptr %138, align 4
  ret i32 1

L13:                                              ; preds = %26
  %140 = load i32, ptr %steps, align 4
  %141 = add i32 %140, 1
  store i32 %141, ptr %steps, align 4
  br label %pc_HEAD+0

dead:                                             ; No predecessors!
  unreachable

dead14:                                           ; No predecessors!
  unreachable

dead15:                                           ; No predecessors!
  unreachable
}

