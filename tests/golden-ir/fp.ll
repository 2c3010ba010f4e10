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
  %55 = lshr i64 %41, 52
  %56 = and i64 %55, 2047
  %57 = icmp ne i64 %56, 2047
  %58 = icmp ne i64 %56, 0
  %59 = and i1 %58, %57
  %60 = or i1 %59, %54
  %61 = and i1 %52, %60
  %62 = and i64 %42, 9223372036854775807
  %63 = icmp eq i64 %62, 0
  %64 = lshr i64 %42, 52
  %65 = and i64 %64, 2047
  %66 = icmp ne i64 %65, 2047
  %67 = icmp ne i64 %65, 0
  %68 = and i1 %67, %66
  %69 = or i1 %68, %63
  %70 = and i1 %61, %69
  br i1 %70, label %fp_fast, label %fp_soft

L:                                                ; preds = %pc_HEAD+0
  %71 = getelementptr i8, ptr %0, i64 64
  %72 = load i64, ptr %g, align 4
  store i64 %72, ptr %71, align 4
  %73 = getelementptr i8, ptr %0, i64 540
  %74 = load i32, ptr %g6, align 4
  store i32 %74, ptr %73, align 4
  %75 = getelementptr i8, ptr %0, i64 536
  %76 = load i32, ptr %g7, align 4
  store i32 %76, ptr %75, align 4
  %77 = getelementptr i8, ptr %0, i64 528
  %78 = load i32, ptr %g8, align 4
  store i32 %78, ptr %77, align 4
  %79 = getelementptr i8, ptr %0, i64 532
  %80 = load i32, ptr %g9, align 4
  store i32 %80, ptr %79, align 4
  %81 = getelementptr i8, ptr %0, i64 3184
  %82 = load i64, ptr %g11, align 4
  store i64 %82, ptr %81, align 4
  %83 = getelementptr i8, ptr %0, i64 320
  store i64 HEAD+0, ptr %83, align 4
  %84 = getelementptr i8, ptr %1, i64 4
  %85 = load i32, ptr %steps, align 4
  store i32 %85, ptr %84, align 4
  ret i32 2

fp_fast:                                          ; preds = %36
  %86 = bitcast i64 %41 to double
  %87 = bitcast i64 %42 to double
  %88 = fadd double %86, %87
  %89 = bitcast double %88 to i64
  %90 = and i64 %89, 9223372036854775807
  %91 = icmp eq i64 %90, 9218868437227405312
  br i1 %91, label %fp_overflow, label %fp_tiny

fp_overflow:                                      ; preds = %fp_fast
  %92 = or i16 %46, 4
  store i16 %92, ptr %45, align 2
  br label %fp_done

fp_tiny:                                          ; preds = %fp_fast
  %93 = and i64 %89, 9223372036854775807
  %94 = icmp ule i64 %93, 4503599627370496
  %95 = and i64 %42, 9223372036854775807
  %96 = icmp eq i64 %95, 0
  %97 = and i64 %41, 9223372036854775807
  %98 = icmp eq i64 %97, 0
  %99 = and i1 %98, %96
  %100 = xor i1 %99, true
  %101 = and i1 %94, %100
  br i1 %101, label %fp_soft, label %fp_done

fp_soft:                                          ; preds = %fp_tiny, %36
  store volatile i32 0, ptr %1, align 4
  %102 = getelementptr i8, ptr %0, i64 64
  %103 = load i64, ptr %g, align 4
  store i64 %103, ptr %102, align 4
  %104 = getelementptr i8, ptr %0, i64 540
  %105 = load i32, ptr %g6, align 4
  store i32 %105, ptr %104, align 4
  %106 = getelementptr i8, ptr %0, i64 536
  %107 = load i32, ptr %g7, align 4
  store i32 %107, ptr %106, align 4
  %108 = getelementptr i8, ptr %0, i64 528
  %109 = load i32, ptr %g8, align 4
  store i32 %109, ptr %108, align 4
  %110 = getelementptr i8, ptr %0, i64 532
  %111 = load i32, ptr %g9, align 4
  store i32 %111, ptr %110, align 4
  %112 = call i64 inttoptr (i64 HOSTADDR to ptr)(i64 %41, i64 %42, ptr %44)
  %113 = getelementptr i8, ptr %0, i64 64
  %114 = load i64, ptr %113, align 4
  store i64 %114, ptr %g, align 4
  %115 = getelementptr i8, ptr %0, i64 540
  %116 = load i32, ptr %115, align 4
  store i32 %116, ptr %g6, align 4
  %117 = getelementptr i8, ptr %0, i64 536
  %118 = load i32, ptr %117, align 4
  store i32 %118, ptr %g7, align 4
  %119 = getelementptr i8, ptr %0, i64 528
  %120 = load i32, ptr %119, align 4
  store i32 %120, ptr %g8, align 4
  %121 = getelementptr i8, ptr %0, i64 532
  %122 = load i32, ptr %121, align 4
  store i32 %122, ptr %g9, align 4
  %123 = getelementptr i8, ptr %0, i64 320
  %124 = load i64, ptr %123, align 4
  store i64 %124, ptr %g10, align 4
  br label %fp_done

fp_done:                                          ; preds = %fp_soft, %fp_tiny, %fp_overflow
  %125 = phi i64 [ %89, %fp_overflow ], [ %89, %fp_tiny ], [ %112, %fp_soft ]
  store i64 %125, ptr %t4, align 4
  %126 = load i64, ptr %t4, align 4
  store i64 %126, ptr %g11, align 4
  store i256 0, ptr %t5, align 4
  %127 = load i64, ptr %g, align 4
  %128 = sub i64 %127, 1
  store i64 %128, ptr %t1, align 4
  %129 = load i64, ptr %t1, align 4
  %130 = load i64, ptr %t1, align 4
  %131 = trunc i64 %130 to i32
  store i32 %131, ptr %g6, align 4
  %132 = load i64, ptr %t1, align 4
  %133 = lshr i64 %132, 32
  store i64 %133, ptr %t3, align 4
  %134 = load i64, ptr %t3, align 4
  %135 = load i64, ptr %t3, align 4
  %136 = trunc i64 %135 to i32
  store i32 %136, ptr %g7, align 4
  %137 = icmp ne i64 %129, 0
  %zf = zext i1 %137 to i32
  store i32 %zf, ptr %g6, align 4
  %138 = load i64, ptr %g, align 4
  %139 = icmp uge i64 %138, 1
  %140 = zext i1 %139 to i64
  store i64 %140, ptr %t2, align 4
  %141 = load i64, ptr %t2, align 4
  %142 = load i64, ptr %t2, align 4
  %143 = trunc i64 %142 to i32
  store i32 %143, ptr %g8, align 4
  %144 = load i64, ptr %g, align 4
  %145 = load i64, ptr %t1, align 4
  %146 = xor i64 %145, %144
  store i64 %146, ptr %t2, align 4
  %147 = load i64, ptr %g, align 4
  %148 = xor i64 %147, 1
  store i64 %148, ptr %t3, align 4
  %149 = load i64, ptr %t3, align 4
  %150 = load i64, ptr %t2, align 4
  %151 = and i64 %150, %149
  store i64 %151, ptr %t2, align 4
  %152 = load i64, ptr %t2, align 4
  %153 = lshr i64 %152, 32
  store i64 %153, ptr %t3, align 4
  %154 = load i64, ptr %t3, align 4
  %155 = load i64, ptr %t3, align 4
  %156 = trunc i64 %155 to i32
  store i32 %156, ptr %g9, align 4
  %157 = load i64, ptr %t1, align 4
  store i64 %157, ptr %t4, align 4
  %158 = load i64, ptr %t4, align 4
  store i64 %158, ptr %g, align 4
  %159 = load i32, ptr %g6, align 4
  %160 = icmp ne i32 %159, 0
  br i1 %160, label %L13, label %161

161:                                              ; preds = %fp_done
  store i64 HEAD+12, ptr %g10, align 4
  %162 = getelementptr i8, ptr %0, i64 64
  %163 = load i64, ptr %g, align 4
  store i64 %163, ptr %162, align 4
  %164 = getelementptr i8, ptr %0, i64 540
  %165 = load i32, ptr %g6, align 4
  store i32 %165, ptr %164, align 4
  %166 = getelementptr i8, ptr %0, i64 536
  %167 = load i32, ptr %g7, align 4
  store i32 %167, ptr %166, align 4
  %168 = getelementptr i8, ptr %0, i64 528
  %169 = load i32, ptr %g8, align 4
  store i32 %169, ptr %168, align 4
  %170 = getelementptr i8, ptr %0, i64 532
  %171 = load i32, ptr %g9, align 4
  store i32 %171, ptr %170, align 4
  %172 = getelementptr i8, ptr %0, i64 320
  %173 = load i64, ptr %g10, align 4
  store i64 %173, ptr %172, align 4
  %174 = getelementptr i8, ptr %0, i64 3184
  %175 = load i64, ptr %g11, align 4
  store i64 %175, ptr %174, align 4
  %176 = getelementptr i8, ptr %1, i64 4
  %177 = load i32, ptr %steps, align 4
  store i32 %177, ptr %176, align 4
  ret i32 1

L13:                                              ; preds = %fp_done
  %178 = load i32, ptr %steps, align 4
  %179 = add i32 %178, 1
  store i32 %179, ptr %steps, align 4
  br label %pc_HEAD+0

dead:                                             ; No predecessors!
  unreachable

dead14:                                           ; No predecessors!
  unreachable

dead15:                                           ; No predecessors!
  unreachable
}

