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
  %t5 = alloca i256, align 8
  %g = alloca i64, align 8
  %g6 = alloca i32, align 4
  %g7 = alloca i32, align 4
  %g8 = alloca i32, align 4
  %g9 = alloca i32, align 4
  %g10 = alloca i64, align 8
  %g11 = alloca i64, align 8
  %g12 = alloca i64, align 8
  %steps = alloca i32, align 4
  store i32 0, ptr %steps, align 4
  %2 = getelementptr i8, ptr %0, i64 3192
  %3 = load i64, ptr %2, align 4
  %4 = icmp ne i64 %3, 0
  %5 = getelementptr i8, ptr %0, i64 3200
  %6 = load i256, ptr %5, align 4
  %7 = icmp ne i256 %6, 0
  %8 = or i1 %4, %7
  %9 = getelementptr i8, ptr %0, i64 3232
  %10 = load i128, ptr %9, align 4
  %11 = icmp ne i128 %10, 0
  %12 = or i1 %8, %11
  br i1 %12, label %not_entered, label %entered

not_entered:                                      ; preds = %entry
  %13 = getelementptr i8, ptr %1, i64 4
  store i32 0, ptr %13, align 4
  ret i32 3

entered:                                          ; preds = %entry
  %14 = getelementptr i8, ptr %0, i64 64
  %15 = load i64, ptr %14, align 4
  store i64 %15, ptr %g, align 4
  %16 = getelementptr i8, ptr %0, i64 540
  %17 = load i32, ptr %16, align 4
  store i32 %17, ptr %g6, align 4
  %18 = getelementptr i8, ptr %0, i64 536
  %19 = load i32, ptr %18, align 4
  store i32 %19, ptr %g7, align 4
  %20 = getelementptr i8, ptr %0, i64 528
  %21 = load i32, ptr %20, align 4
  store i32 %21, ptr %g8, align 4
  %22 = getelementptr i8, ptr %0, i64 532
  %23 = load i32, ptr %22, align 4
  store i32 %23, ptr %g9, align 4
  %24 = getelementptr i8, ptr %0, i64 320
  %25 = load i64, ptr %24, align 4
  store i64 %25, ptr %g10, align 4
  %26 = getelementptr i8, ptr %0, i64 3184
  %27 = load i64, ptr %26, align 4
  store i64 %27, ptr %g11, align 4
  %28 = getelementptr i8, ptr %0, i64 3440
  %29 = load i64, ptr %28, align 4
  store i64 %29, ptr %g12, align 4
  br label %pc_HEAD+0

pc_HEAD+0:                                        ; preds = %L13, %entered
  %30 = load i32, ptr %steps, align 4
  %31 = call i32 asm "", "=r,0"(i32 %30)
  store i32 %31, ptr %steps, align 4
  %32 = getelementptr i8, ptr %0, i64 -8
  %33 = load volatile i32, ptr %32, align 4
  store i32 %33, ptr %t, align 4
  %34 = load i32, ptr %t, align 4
  %35 = icmp slt i32 %34, 0
  br i1 %35, label %L, label %36

36:                                               ; preds = %pc_HEAD+0
  %37 = ptrtoint ptr %0 to i64
  %38 = add i64 %37, 12072
  store i64 %38, ptr %t1, align 4
  %39 = load i64, ptr %g11, align 4
  store i64 %39, ptr %t2, align 4
  %40 = load i64, ptr %g12, align 4
  store i64 %40, ptr %t3, align 4
  %41 = load i64, ptr %t2, align 4
  %42 = load i64, ptr %t3, align 4
  %43 = load i64, ptr %t1, align 4
  %44 = inttoptr i64 %43 to ptr
  %45 = getelementptr i8, ptr %44, i64 0
  %46 = load i16, ptr %45, align 2
  %47 = getelementptr i8, ptr %44, i64 2
  %48 = load i8, ptr %47, align 1
  %49 = icmp eq i8 %48, 0
  %50 = and i16 %46, 16
  %51 = icmp ne i16 %50, 0
  %52 = and i1 %51, %49
  %53 = and i64 %41, 9223372036854775807
  %54 = icmp eq i64 %53, 0
  %55 = and i64 %41, 9223372036854775807
  %56 = sub i64 %55, 4503599627370496
  %57 = icmp ult i64 %56, 9214364837600034816
  %58 = or i1 %57, %54
  %59 = and i1 %52, %58
  %60 = and i64 %42, 9223372036854775807
  %61 = icmp eq i64 %60, 0
  %62 = and i64 %42, 9223372036854775807
  %63 = sub i64 %62, 4503599627370496
  %64 = icmp ult i64 %63, 9214364837600034816
  %65 = or i1 %64, %61
  %66 = and i1 %59, %65
  %67 = bitcast i64 %41 to double
  %68 = bitcast i64 %42 to double
  %69 = fadd double %67, %68
  %70 = bitcast double %69 to i64
  %71 = and i64 %42, 9223372036854775807
  %72 = icmp eq i64 %71, 0
  %73 = and i64 %41, 9223372036854775807
  %74 = icmp eq i64 %73, 0
  %75 = and i1 %74, %72
  %76 = xor i1 %75, true
  %77 = xor i1 %76, true
  %78 = and i64 %70, 9223372036854775807
  %79 = sub i64 %78, 4503599627370497
  %80 = icmp ult i64 %79, 9214364837600034815
  %81 = or i1 %80, %77
  %82 = and i1 %66, %81
  br i1 %82, label %fp_done, label %fp_soft

L:                                                ; preds = %pc_HEAD+0
  %83 = getelementptr i8, ptr %0, i64 64
  %84 = load i64, ptr %g, align 4
  store i64 %84, ptr %83, align 4
  %85 = getelementptr i8, ptr %0, i64 540
  %86 = load i32, ptr %g6, align 4
  store i32 %86, ptr %85, align 4
  %87 = getelementptr i8, ptr %0, i64 536
  %88 = load i32, ptr %g7, align 4
  store i32 %88, ptr %87, align 4
  %89 = getelementptr i8, ptr %0, i64 528
  %90 = load i32, ptr %g8, align 4
  store i32 %90, ptr %89, align 4
  %91 = getelementptr i8, ptr %0, i64 532
  %92 = load i32, ptr %g9, align 4
  store i32 %92, ptr %91, align 4
  %93 = getelementptr i8, ptr %0, i64 3184
  %94 = load i64, ptr %g11, align 4
  store i64 %94, ptr %93, align 4
  %95 = getelementptr i8, ptr %0, i64 320
  store i64 HEAD+0, ptr %95, align 4
  %96 = getelementptr i8, ptr %1, i64 4
  %97 = load i32, ptr %steps, align 4
  store i32 %97, ptr %96, align 4
  ret i32 2

fp_soft:                                          ; preds = %36
  store volatile i32 0, ptr %1, align 4
  %98 = call i64 inttoptr (i64 HOSTADDR to ptr)(i64 %41, i64 %42, ptr %44)
  br label %fp_done

fp_done:                                          ; preds = %fp_soft, %36
  %99 = phi i64 [ %70, %36 ], [ %98, %fp_soft ]
  store i64 %99, ptr %t4, align 4
  %100 = load i64, ptr %t4, align 4
  store i64 %100, ptr %g11, align 4
  store i256 0, ptr %t5, align 4
  %101 = load i64, ptr %g, align 4
  %102 = sub i64 %101, 1
  store i64 %102, ptr %t1, align 4
  %103 = load i64, ptr %t1, align 4
  %104 = load i64, ptr %t1, align 4
  %105 = trunc i64 %104 to i32
  store i32 %105, ptr %g6, align 4
  %106 = load i64, ptr %t1, align 4
  %107 = lshr i64 %106, 32
  store i64 %107, ptr %t3, align 4
  %108 = load i64, ptr %t3, align 4
  %109 = load i64, ptr %t3, align 4
  %110 = trunc i64 %109 to i32
  store i32 %110, ptr %g7, align 4
  %111 = icmp ne i64 %103, 0
  %zf = zext i1 %111 to i32
  store i32 %zf, ptr %g6, align 4
  %112 = load i64, ptr %g, align 4
  %113 = icmp uge i64 %112, 1
  %114 = zext i1 %113 to i64
  store i64 %114, ptr %t2, align 4
  %115 = load i64, ptr %t2, align 4
  %116 = load i64, ptr %t2, align 4
  %117 = trunc i64 %116 to i32
  store i32 %117, ptr %g8, align 4
  %118 = load i64, ptr %g, align 4
  %119 = load i64, ptr %t1, align 4
  %120 = xor i64 %119, %118
  store i64 %120, ptr %t2, align 4
  %121 = load i64, ptr %g, align 4
  %122 = xor i64 %121, 1
  store i64 %122, ptr %t3, align 4
  %123 = load i64, ptr %t3, align 4
  %124 = load i64, ptr %t2, align 4
  %125 = and i64 %124, %123
  store i64 %125, ptr %t2, align 4
  %126 = load i64, ptr %t2, align 4
  %127 = lshr i64 %126, 32
  store i64 %127, ptr %t3, align 4
  %128 = load i64, ptr %t3, align 4
  %129 = load i64, ptr %t3, align 4
  %130 = trunc i64 %129 to i32
  store i32 %130, ptr %g9, align 4
  %131 = load i64, ptr %t1, align 4
  store i64 %131, ptr %t4, align 4
  %132 = load i64, ptr %t4, align 4
  store i64 %132, ptr %g, align 4
  %133 = load i32, ptr %g6, align 4
  %134 = icmp ne i32 %133, 0
  br i1 %134, label %L13, label %135

135:                                              ; preds = %fp_done
  store i64 HEAD+12, ptr %g10, align 4
  %136 = getelementptr i8, ptr %0, i64 64
  %137 = load i64, ptr %g, align 4
  store i64 %137, ptr %136, align 4
  %138 = getelementptr i8, ptr %0, i64 540
  %139 = load i32, ptr %g6, align 4
  store i32 %139, ptr %138, align 4
  %140 = getelementptr i8, ptr %0, i64 536
  %141 = load i32, ptr %g7, align 4
  store i32 %141, ptr %140, align 4
  %142 = getelementptr i8, ptr %0, i64 528
  %143 = load i32, ptr %g8, align 4
  store i32 %143, ptr %142, align 4
  %144 = getelementptr i8, ptr %0, i64 532
  %145 = load i32, ptr %g9, align 4
  store i32 %145, ptr %144, align 4
  %146 = getelementptr i8, ptr %0, i64 320
  %147 = load i64, ptr %g10, align 4
  store i64 %147, ptr %146, align 4
  %148 = getelementptr i8, ptr %0, i64 3184
  %149 = load i64, ptr %g11, align 4
  store i64 %149, ptr %148, align 4
  %150 = getelementptr i8, ptr %1, i64 4
  %151 = load i32, ptr %steps, align 4
  store i32 %151, ptr %150, align 4
  ret i32 1

L13:                                              ; preds = %fp_done
  %152 = load i32, ptr %steps, align 4
  %153 = add i32 %152, 1
  store i32 %153, ptr %steps, align 4
  br label %pc_HEAD+0

dead:                                             ; No predecessors!
  unreachable

dead14:                                           ; No predecessors!
  unreachable

dead15:                                           ; No predecessors!
  unreachable
}

