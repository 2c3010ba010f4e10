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

pc_HEAD+0:                                        ; preds = %L14, %entry
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
  %35 = load i64, ptr %g, align 4
  %untagged = and i64 %35, 72057594037927935
  store volatile i32 0, ptr %1, align 4
  %36 = load i64, ptr %t2, align 4
  %37 = inttoptr i64 %untagged to ptr
  %38 = load volatile i64, ptr %37, align 1
  store i64 %38, ptr %g5, align 4
  %39 = load i64, ptr %g6, align 4
  store i64 %39, ptr %t1, align 4
  %40 = load i64, ptr %g5, align 4
  store i64 %40, ptr %t2, align 4
  %41 = load i64, ptr %g5, align 4
  %42 = load i64, ptr %g6, align 4
  %43 = add i64 %42, %41
  store i64 %43, ptr %t3, align 4
  %44 = load i64, ptr %t3, align 4
  store i64 %44, ptr %g6, align 4
  %45 = load i64, ptr %g, align 4
  store i64 %45, ptr %t1, align 4
  %46 = load i64, ptr %g, align 4
  %47 = shl i64 %46, 8
  store i64 %47, ptr %t2, align 4
  %48 = load i64, ptr %t2, align 4
  %49 = ashr i64 %48, 8
  store i64 %49, ptr %t2, align 4
  %50 = load i64, ptr %g, align 4
  %51 = load i64, ptr %t2, align 4
  %52 = and i64 %51, %50
  store i64 %52, ptr %t2, align 4
  %53 = load i64, ptr %g, align 4
  %untagged13 = and i64 %53, 72057594037927935
  %54 = load i64, ptr %t2, align 4
  %55 = inttoptr i64 %untagged13 to ptr
  %56 = load i64, ptr %g6, align 4
  store volatile i64 %56, ptr %55, align 1
  %57 = load i64, ptr %g, align 4
  %58 = add i64 %57, 8
  store i64 %58, ptr %t1, align 4
  %59 = load i64, ptr %t1, align 4
  store i64 %59, ptr %g, align 4
  %60 = load i64, ptr %g7, align 4
  %61 = sub i64 %60, 1
  store i64 %61, ptr %t2, align 4
  %62 = load i64, ptr %t2, align 4
  %63 = load i64, ptr %t2, align 4
  %64 = trunc i64 %63 to i32
  store i32 %64, ptr %g8, align 4
  %65 = load i64, ptr %t2, align 4
  %66 = lshr i64 %65, 32
  store i64 %66, ptr %t4, align 4
  %67 = load i64, ptr %t4, align 4
  %68 = load i64, ptr %t4, align 4
  %69 = trunc i64 %68 to i32
  store i32 %69, ptr %g9, align 4
  %70 = icmp ne i64 %62, 0
  %zf = zext i1 %70 to i32
  store i32 %zf, ptr %g8, align 4
  %71 = load i64, ptr %g7, align 4
  %72 = icmp uge i64 %71, 1
  %73 = zext i1 %72 to i64
  store i64 %73, ptr %t3, align 4
  %74 = load i64, ptr %t3, align 4
  %75 = load i64, ptr %t3, align 4
  %76 = trunc i64 %75 to i32
  store i32 %76, ptr %g10, align 4
  %77 = load i64, ptr %g7, align 4
  %78 = load i64, ptr %t2, align 4
  %79 = xor i64 %78, %77
  store i64 %79, ptr %t3, align 4
  %80 = load i64, ptr %g7, align 4
  %81 = xor i64 %80, 1
  store i64 %81, ptr %t4, align 4
  %82 = load i64, ptr %t4, align 4
  %83 = load i64, ptr %t3, align 4
  %84 = and i64 %83, %82
  store i64 %84, ptr %t3, align 4
  %85 = load i64, ptr %t3, align 4
  %86 = lshr i64 %85, 32
  store i64 %86, ptr %t4, align 4
  %87 = load i64, ptr %t4, align 4
  %88 = load i64, ptr %t4, align 4
  %89 = trunc i64 %88 to i32
  store i32 %89, ptr %g11, align 4
  %90 = load i64, ptr %t2, align 4
  store i64 %90, ptr %t1, align 4
  %91 = load i64, ptr %t1, align 4
  store i64 %91, ptr %g7, align 4
  %92 = load i32, ptr %g8, align 4
  %93 = icmp ne i32 %92, 0
  br i1 %93, label %L14, label %113

L:                                                ; preds = %pc_HEAD+0
  %94 = getelementptr i8, ptr %0, i64 64
  %95 = load i64, ptr %g, align 4
  store i64 %95, ptr %94, align 4
  %96 = getelementptr i8, ptr %0, i64 88
  %97 = load i64, ptr %g5, align 4
  store i64 %97, ptr %96, align 4
  %98 = getelementptr i8, ptr %0, i64 80
  %99 = load i64, ptr %g6, align 4
  store i64 %99, ptr %98, align 4
  %100 = getelementptr i8, ptr %0, i64 72
  %101 = load i64, ptr %g7, align 4
  store i64 %101, ptr %100, align 4
  %102 = getelementptr i8, ptr %0, i64 540
  %103 = load i32, ptr %g8, align 4
  store i32 %103, ptr %102, align 4
  %104 = getelementptr i8, ptr %0, i64 536
  %105 = load i32, ptr %g9, align 4
  store i32 %105, ptr %104, align 4
  %106 = getelementptr i8, ptr %0, i64 528
  %107 = load i32, ptr %g10, align 4
  store i32 %107, ptr %106, align 4
  %108 = getelementptr i8, ptr %0, i64 532
  %109 = load i32, ptr %g11, align 4
  store i32 %109, ptr %108, align 4
  %110 = getelementptr i8, ptr %0, i64 320
  store i64 HEAD+0, ptr %110, align 4
  %111 = getelementptr i8, ptr %1, i64 4
  %112 = load i32, ptr %steps, align 4
  store i32 %112, ptr %111, align 4
  ret i32 2

113:                                              ; preds = %26
  store i64 HEAD+20, ptr %g12, align 4
  %114 = getelementptr i8, ptr %0, i64 64
  %115 = load i64, ptr %g, align 4
  store i64 %115, ptr %114, align 4
  %116 = getelementptr i8, ptr %0, i64 88
  %117 = load i64, ptr %g5, align 4
  store i64 %117, ptr %116, align 4
  %118 = getelementptr i8, ptr %0, i64 80
  %119 = load i64, ptr %g6, align 4
  store i64 %119, ptr %118, align 4
  %120 = getelementptr i8, ptr %0, i64 72
  %121 = load i64, ptr %g7, align 4
  store i64 %121, ptr %120, align 4
  %122 = getelementptr i8, ptr %0, i64 540
  %123 = load i32, ptr %g8, align 4
  store i32 %123, ptr %122, align 4
  %124 = getelementptr i8, ptr %0, i64 536
  %125 = load i32, ptr %g9, align 4
  store i32 %125, ptr %124, align 4
  %126 = getelementptr i8, ptr %0, i64 528
  %127 = load i32, ptr %g10, align 4
  store i32 %127, ptr %126, align 4
  %128 = getelementptr i8, ptr %0, i64 532
  %129 = load i32, ptr %g11, align 4
  store i32 %129, ptr %128, align 4
  %130 = getelementptr i8, ptr %0, i64 320
  %131 = load i64, ptr %g12, align 4
  store i64 %131, ptr %130, align 4
  %132 = getelementptr i8, ptr %1, i64 4
  %133 = load i32, ptr %steps, align 4
  store i32 %133, ptr %132, align 4
  ret i32 1

L14:                                              ; preds = %26
  %134 = load i32, ptr %steps, align 4
  %135 = add i32 %134, 1
  store i32 %135, ptr %steps, align 4
  br label %pc_HEAD+0

dead:                                             ; No predecessors!
  unreachable

dead15:                                           ; No predecessors!
  unreachable

dead16:                                           ; No predecessors!
  unreachable
}

